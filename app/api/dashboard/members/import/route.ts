/**
 * POST /api/dashboard/members/import (admins), multipart form: `file` (CSV: email, name, tier,
 * stripe_customer_id), `mode` = "dry-run" (default: the plan, nothing written) or "apply" with the
 * `digest` the dry run returned (writes exactly that plan, or 409 when it is out of date).
 */
import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { apiError } from '@/lib/http/responses';
import { applyImport, IMPORT_MAX_BYTES, parseImportCsv, planImport, tooLargeMessage } from '@/lib/members/member-import';

export const dynamic = 'force-dynamic';

const fieldsSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('dry-run') }),
    z.object({
      mode: z.literal('apply'),
      digest: z
        .string({ error: 'Run the dry run first: applying needs its plan.' })
        .regex(/^[0-9a-f]{32}$/, 'Run the dry run first: applying needs its plan.'),
    }),
  ],
  { error: 'mode must be dry-run or apply.' },
);

// The wrapper refuses anything but multipart and stops reading past the cap (multipart adds a little
// overhead to the file); the file's own size is checked below.
export const POST = apiRoute(
  { role: 'ADMIN', accept: ['multipart/form-data'], maxBytes: IMPORT_MAX_BYTES + 64 * 1024, tooLargeMessage: tooLargeMessage() },
  async ({ request }) => {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return apiError(400, 'The upload could not be read. Choose the CSV file again.', 'INVALID');
    }
    const file = form.get('file');
    if (!(file instanceof Blob) || file.size === 0) return apiError(400, 'Choose a CSV file to import.', 'INVALID');
    if (file.size > IMPORT_MAX_BYTES) return apiError(413, tooLargeMessage(), 'TOO_LARGE');
    const fields = fieldsSchema.safeParse({ mode: form.get('mode') ?? 'dry-run', digest: form.get('digest') ?? undefined });
    if (!fields.success) return apiError(400, fields.error.issues[0]?.message ?? 'Invalid request.', 'INVALID');
    const rows = parseImportCsv(await file.text());
    if (fields.data.mode === 'dry-run') return Response.json({ mode: 'dry-run', plan: await planImport(rows) });
    return Response.json({ mode: 'apply', result: await applyImport(rows, fields.data.digest) });
  },
);
