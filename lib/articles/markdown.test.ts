import { describe, expect, it } from 'vitest';
import {
  countWords,
  htmlToText,
  prepareArticleBody,
  readingMinutes,
  renderMarkdown,
  splitAfterParagraph,
  topLevelParagraphEnds,
} from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown(
      '# Title\n\nSome *em* and **strong** and `code`.\n\n- a\n- b\n\n> quote\n\n[link](https://example.com) [rel](/articles/x) [mail](mailto:a@b.c)\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<ul>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer">link</a>');
    expect(html).toContain('<a href="/articles/x">rel</a>');
    expect(html).toContain('<a href="mailto:a@b.c">mail</a>');
    expect(html).toContain('<hr />');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>1</td>');
  });

  it('keeps images with http(s) or relative sources and their alt text', () => {
    const html = renderMarkdown('![A heron](https://example.com/h.jpg) ![Local](/demo/images/x.svg)');
    expect(html).toMatch(/<img src="https:\/\/example.com\/h.jpg" alt="A heron"/);
    expect(html).toMatch(/<img src="\/demo\/images\/x.svg" alt="Local"/);
  });

  it('removes <script> elements and their content', () => {
    const html = renderMarkdown('Hello\n\n<script>alert(1)</script>\n\n<SCRIPT SRC=//evil.example/x.js></SCRIPT> after');
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('alert(1)');
    expect(html).toContain('Hello');
  });

  it('removes event handlers such as onerror', () => {
    const html = renderMarkdown(
      '<img src="/x.png" onerror="alert(1)"> <p onclick="alert(2)">hi</p> <a href="/y" onmouseover="alert(3)">y</a>',
    );
    expect(html).not.toMatch(/on(error|click|mouseover)/i);
    expect(html).not.toContain('alert');
  });

  it('removes javascript: URLs in Markdown links, HTML links and images (incl. obfuscated)', () => {
    const cases = [
      '[x](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '<a href="jav&#x09;ascript:alert(1)">x</a>',
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<a href="  javascript:alert(1)">x</a>',
      '![x](javascript:alert(1))',
      '<img src="javascript:alert(1)">',
    ];
    for (const md of cases) {
      const html = renderMarkdown(md);
      expect(html.toLowerCase(), md).not.toContain('javascript');
      expect(html, md).not.toContain('alert');
    }
  });

  it('removes data: and vbscript: URLs', () => {
    const html = renderMarkdown(
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <img src="data:image/svg+xml;base64,PHN2Zz4="> <a href="vbscript:msgbox(1)">v</a>',
    );
    expect(html).not.toContain('data:');
    expect(html).not.toContain('vbscript');
  });

  it('removes style attributes, style elements, iframes, forms, svg and protocol-relative URLs', () => {
    const html = renderMarkdown(
      '<p style="position:fixed">s</p><style>body{display:none}</style><iframe src="https://evil.example"></iframe><form action="/x"><input name="a"></form><svg><script>alert(1)</script></svg><a href="//evil.example/">pr</a><object data="x"></object><embed src="x">',
    );
    expect(html).not.toMatch(/style|iframe|<form|<input|<svg|<object|<embed|evil\.example|alert/i);
    expect(html).toContain('s');
  });

  it('drops classes except code language hints', () => {
    const html = renderMarkdown('```js\nconst a = 1 < 2;\n```\n\n<p class="big">x</p>');
    expect(html).toContain('<code class="language-js">');
    expect(html).toContain('1 &lt; 2');
    expect(html).not.toContain('class="big"');
  });
});

describe('word count and reading time', () => {
  it('counts words in the rendered text', () => {
    expect(countWords(htmlToText(renderMarkdown('One two **three**, four-five.\n\n- six\n- seven')))).toBe(6);
    expect(countWords('')).toBe(0);
  });
  it('reads at least one minute', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(1150)).toBe(5);
  });
});

describe('splitting for the inline CTA', () => {
  const para = (i: number, words = 10) => `Paragraph ${i} ` + Array.from({ length: words - 2 }, () => 'word').join(' ') + '.';

  it('finds only top-level paragraphs', () => {
    const html = renderMarkdown(`${para(1)}\n\n> ${para(2)}\n>\n> ${para(3)}\n\n- item\n\n  ${para(4)}\n\n  more\n\n${para(5)}`);
    const ends = topLevelParagraphEnds(html);
    expect(ends).toHaveLength(2);
    expect(html.slice(0, ends[0])).toMatch(/<\/p>$/);
  });

  it('splits after the nth paragraph and keeps all content', () => {
    const html = renderMarkdown([1, 2, 3, 4].map((i) => para(i)).join('\n\n'));
    const split = splitAfterParagraph(html, 2);
    expect(split).not.toBeNull();
    const [a, b] = split!;
    expect(a).toContain('Paragraph 2');
    expect(a).not.toContain('Paragraph 3');
    expect(b).toContain('Paragraph 3');
    expect((a + b).replace(/\s/g, '')).toBe(html.replace(/\s/g, ''));
    expect(splitAfterParagraph(html, 4)).toBeNull();
    expect(splitAfterParagraph(html, 0)).toBeNull();
  });

  it('short articles are not split; long ones are split at ~40%', () => {
    const short = prepareArticleBody([1, 2, 3].map((i) => para(i)).join('\n\n'));
    expect(short.parts).toHaveLength(1);
    const long = prepareArticleBody(Array.from({ length: 20 }, (_, i) => para(i + 1, 50)).join('\n\n'));
    expect(long.words).toBeGreaterThan(900);
    expect(long.parts).toHaveLength(2);
    expect(long.parts[0]).toContain('Paragraph 8 ');
    expect(long.parts[0]).not.toContain('Paragraph 9 ');
    expect(long.readingMinutes).toBe(Math.round(long.words / 230));
  });

  it('a long article that is one paragraph is not split', () => {
    const body = prepareArticleBody(para(1, 1000));
    expect(body.parts).toHaveLength(1);
  });
});
