/**
 * Remote images in skill documents load only when the visitor asks (src/lib/markdown.ts renders them
 * as `button.remote-image`): until then no third party learns the visitor's address.
 */
document.addEventListener('click', (event) => {
  const button =
    event.target instanceof Element
      ? event.target.closest<HTMLButtonElement>('button.remote-image')
      : null;
  const src = button?.dataset['src'];
  if (!button || !src || !/^https:\/\//i.test(src)) return;
  const image = document.createElement('img');
  image.src = src;
  image.alt = button.dataset['alt'] ?? '';
  image.referrerPolicy = 'no-referrer';
  image.decoding = 'async';
  button.replaceWith(image);
});
