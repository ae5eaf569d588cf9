import fs from 'node:fs';
import path from 'node:path';

// Prerendered once at build time and served from the build output: the fastest page Next.js 16 serves.
export const dynamic = 'force-static';

export default function Page() {
  // The article element of a Patronage article page, captured by bench/article.ts before the build.
  const html = fs.readFileSync(path.join(process.cwd(), 'body.html'), 'utf8');
  return <main dangerouslySetInnerHTML={{ __html: html }} />;
}
