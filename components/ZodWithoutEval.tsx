'use client';

import { z } from 'zod';

// Zod compiles object parsers with `new Function` after probing whether it may. Our Content Security
// Policy has no 'unsafe-eval', and browsers report that probe as a violation even though zod catches
// it, so in the browser zod runs without its JIT. Rendered in the root layout, so this runs on every
// page before anyone can submit a form; the server (where this module also loads for SSR) keeps its JIT.
if (typeof window !== 'undefined') z.config({ jitless: true });

export function ZodWithoutEval(): null {
  return null;
}
