'use client';

import { z } from 'zod';

// Zod compiles object parsers with `new Function` after probing whether it may. Our Content Security
// Policy has no 'unsafe-eval', and browsers report that probe as a violation even though zod catches
// it, so in the browser zod runs without its JIT. Imported (for this side effect) by every client
// module that parses with zod, before its schemas are used: today only app/signin/SignInForm.tsx.
// Not in the root layout: that shipped zod (~30 kB gzipped) to every reader page. The server (where
// this module also loads for SSR) keeps its JIT.
if (typeof window !== 'undefined') z.config({ jitless: true });

export function ZodWithoutEval(): null {
  return null;
}
