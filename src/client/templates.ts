/**
 * Filling server-rendered `<template>`s: the browser shows the same components as the static pages
 * (src/components/*.astro) by cloning them and setting text and attributes, never by parsing HTML.
 */

/** A copy of the single root element of the `<template>` with this id. */
export function cloneTemplate(id: string): HTMLElement {
  const template = document.getElementById(id);
  const root = template instanceof HTMLTemplateElement ? template.content.firstElementChild : null;
  if (!(root instanceof HTMLElement)) throw new Error(`The page has no <template id="${id}">.`);
  return root.cloneNode(true) as HTMLElement;
}

/** The element a `data-field` names, in the root or the root itself; a field may carry several names, like `class`. */
export function field(root: HTMLElement, name: string): HTMLElement {
  const selector = `[data-field~="${name}"]`;
  const found = root.matches(selector) ? root : root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`The template has no data-field="${name}".`);
  return found;
}

/** Sets the text of a field. */
export function setText(root: HTMLElement, name: string, text: string): void {
  field(root, name).textContent = text;
}

/** Sets an attribute of a field. */
export function setAttr(root: HTMLElement, name: string, attribute: string, value: string): void {
  field(root, name).setAttribute(attribute, value);
}

/** Repeats a list field's `data-item` prototype once per value, filled by `fill`; the prototype itself goes. */
export function repeat<T>(
  root: HTMLElement,
  name: string,
  values: readonly T[],
  fill: (item: HTMLElement, value: T) => void,
): void {
  const list = field(root, name);
  const prototype = list.querySelector<HTMLElement>('[data-item]');
  if (!prototype) throw new Error(`The field ${name} has no data-item.`);
  prototype.remove();
  prototype.removeAttribute('data-item');
  for (const value of values) {
    const item = prototype.cloneNode(true) as HTMLElement;
    fill(item, value);
    list.append(item);
  }
}

/** Shows a Pagefind excerpt (text with `<mark>` around the matched words) as text nodes and marks. */
export function setExcerpt(root: HTMLElement, name: string, excerpt: string): void {
  // The excerpt is never parsed as HTML: only its <mark> pairs become elements, the rest stays text.
  const parts = excerpt.split(/<\/?mark>/);
  field(root, name).replaceChildren(
    ...parts.map((text, i) => {
      if (i % 2 === 0) return text;
      const mark = document.createElement('mark');
      mark.textContent = text;
      return mark;
    }),
  );
}
