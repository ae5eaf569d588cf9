/**
 * POST /api/dashboard/members/import (admins), multipart form: `file` (CSV: email, name, tier,
 * stripe_customer_id), `mode` = "dry-run" (default: the plan, nothing written) or "apply" with the
 * `digest` the dry run returned (writes exactly that plan, or 409 when it is out of date).
 */
import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { apiError } from '@/lib/http/responses';
import { errorMessageIn, isDomainError } from '@/lib/errors/domain-error';
import { asIssue, issueSentence } from '@/lib/errors/zod-sentence';
import { say, sayInEnglish, sentence } from '@/lib/i18n/sentence';
import { staffLocale } from '@/lib/i18n/staff-locale';
import {
  applyImport,
  IMPORT_MAX_BYTES,
  parseImportCsv,
  planImport,
  tooLargeSentence,
  type SaidImportPlan,
} from '@/lib/members/member-import';

export const dynamic = 'force-dynamic';

const fieldsSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('dry-run') }),
    z.object({
      mode: z.literal('apply'),
      digest: z
        .string({ error: asIssue(sentence('dashboard.import.errors.dryRunFirst')) })
        .regex(/^[0-9a-f]{32}$/, asIssue(sentence('dashboard.import.errors.dryRunFirst'))),
    }),
  ],
  { error: asIssue(sentence('dashboard.import.errors.mode')) },
);

// The wrapper refuses anything but multipart and stops reading past the cap (multipart adds a little
// overhead to the file); the file's own size is checked below.
export const POST = apiRoute(
  {
    role: 'ADMIN',
    accept: ['multipart/form-data'],
    maxBytes: IMPORT_MAX_BYTES + 64 * 1024,
    tooLargeMessage: sayInEnglish(tooLargeSentence()),
  },
  async ({ request }) => {
    // Said in the staff member's language: the import page shows these sentences as they come.
    const locale = await staffLocale();
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return apiError(400, say(locale, sentence('dashboard.import.errors.unreadable')), 'INVALID');
    }
    const file = form.get('file');
    if (!(file instanceof Blob) || file.size === 0)
      return apiError(400, say(locale, sentence('dashboard.import.errors.noFile')), 'INVALID');
    if (file.size > IMPORT_MAX_BYTES) return apiError(413, say(locale, tooLargeSentence()), 'TOO_LARGE');
    const fields = fieldsSchema.safeParse({ mode: form.get('mode') ?? 'dry-run', digest: form.get('digest') ?? undefined });
    if (!fields.success) {
      const s = issueSentence(fields.error.issues[0]?.message) ?? sentence('dashboard.import.errors.mode');
      return apiError(400, say(locale, s), 'INVALID');
    }
    try {
      const rows = parseImportCsv(await file.text());
      if (fields.data.mode === 'dry-run') {
        const plan = await planImport(rows);
        const said: SaidImportPlan = {
          ...plan,
          rows: plan.rows.map((r) => (r.action === 'error' ? { ...r, reasons: r.reasons.map((s) => say(locale, s)) } : r)),
        };
        return Response.json({ mode: 'dry-run', plan: said });
      }
      return Response.json({ mode: 'apply', result: await applyImport(rows, fields.data.digest) });
    } catch (err) {
      if (isDomainError(err)) return apiError(err.status, errorMessageIn(err, locale), err.code);
      throw err;
    }
  },
);
