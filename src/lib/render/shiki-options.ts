import { CODE_THEMES } from './highlight.ts';

/** Shiki options shared by MDX pages and the `<Code>` component: both themes as CSS variables. */
export const shikiOptions = { themes: CODE_THEMES, defaultColor: false } as const;
