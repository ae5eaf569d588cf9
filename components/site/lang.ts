/**
 * Props that give an element its own `lang` (a story or a date in another language than the page's),
 * or none at all: `lang={undefined}` on a server-rendered element still costs every page's payload a
 * `"lang":"$undefined"`. Spread it: `<time {...langProp(lang)}>`.
 */
export function langProp(lang: string | false | null | undefined): { lang?: string } {
  return lang ? { lang } : {};
}
