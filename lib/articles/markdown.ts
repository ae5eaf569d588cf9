/**
 * Article bodies: Markdown → HTML (marked, synchronous) → sanitize-html with an explicit allow-list.
 * Everything not listed is removed: scripts, styles, iframes, event handlers, `style`/`class`
 * attributes, and URLs with any scheme other than http/https/mailto (images: http/https only).
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false });

export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'img',
    'em',
    'strong',
    'del',
    's',
    'code',
    'pre',
    'sup',
    'sub',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedClasses: { code: [/^language-[a-z0-9_+-]+$/i] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Drop disallowed tags but keep their text; script/style/textarea/etc. lose their content too.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  transformTags: {
    // The page title is the only <h1>; body headings start at h2.
    h1: 'h2',
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      const out: Record<string, string> = { ...attribs };
      delete out.rel;
      if (external) out.rel = 'noopener noreferrer';
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Renders untrusted Markdown to safe HTML. */
export function renderMarkdown(markdown: string): string {
  const raw = marked.parse(markdown ?? '', { async: false }) as string;
  return sanitizeHtml(raw, SANITIZE_OPTIONS).trim();
}

// ---------------------------------------------------------------------------------------------
// Word count and reading time
// ---------------------------------------------------------------------------------------------

export const WORDS_PER_MINUTE = 230;

/** Plain text from (sanitised) HTML: tags dropped, the common entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu);
  return matches ? matches.length : 0;
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

// ---------------------------------------------------------------------------------------------
// Splitting the body for the inline CTA
// ---------------------------------------------------------------------------------------------

const VOID_TAGS = new Set(['br', 'hr', 'img', 'wbr', 'input', 'meta', 'link', 'source', 'area', 'col', 'embed', 'param', 'track']);

/**
 * Offsets just after each top-level `</p>` (paragraphs inside lists, quotes or tables are not
 * counted). Works on sanitize-html output, which is well-formed and escapes `<`/`>` in text and
 * attribute values.
 */
export function topLevelParagraphEnds(html: string): number[] {
  const ends: number[] = [];
  let depth = 0;
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g;
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (VOID_TAGS.has(name) || m[3] === '/') continue;
    if (closing) {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && name === 'p') ends.push(m.index + m[0].length);
    } else {
      depth += 1;
    }
  }
  return ends;
}

/**
 * Splits HTML after the `n`th top-level paragraph (1-based). Returns null when there are not more
 * than `n` top-level paragraphs or the rest would be empty (no point inserting anything).
 */
export function splitAfterParagraph(html: string, n: number): [string, string] | null {
  if (!Number.isInteger(n) || n < 1) return null;
  const ends = topLevelParagraphEnds(html);
  if (ends.length <= n) return null;
  const at = ends[n - 1];
  const before = html.slice(0, at).trim();
  const after = html.slice(at).trim();
  if (!before || !after) return null;
  return [before, after];
}

/** Articles longer than this get an inline CTA. */
export const INLINE_CTA_MIN_WORDS = 900;
/** Where the inline CTA goes, as a share of the top-level paragraphs. */
export const INLINE_CTA_POSITION = 0.4;

export type PreparedBody = {
  html: string;
  words: number;
  readingMinutes: number;
  /** One part, or two when an inline CTA should be placed between them. */
  parts: [string] | [string, string];
};

/** Everything the article page needs from a Markdown body. */
export function prepareArticleBody(markdown: string, opts: { minWords?: number; position?: number } = {}): PreparedBody {
  const html = renderMarkdown(markdown);
  const words = countWords(htmlToText(html));
  const minWords = opts.minWords ?? INLINE_CTA_MIN_WORDS;
  const position = opts.position ?? INLINE_CTA_POSITION;
  let parts: PreparedBody['parts'] = [html];
  if (words > minWords) {
    const paragraphs = topLevelParagraphEnds(html).length;
    const n = Math.max(1, Math.round(paragraphs * position));
    const split = splitAfterParagraph(html, n);
    if (split) parts = split;
  }
  return { html, words, readingMinutes: readingMinutes(words), parts };
}
