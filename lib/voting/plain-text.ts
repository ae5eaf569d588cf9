/** The zod field for text patrons and staff type (titles, reasons): control characters dropped, newlines normalised, trimmed, bounded. */
import { z } from 'zod';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export const plainText = (max: number, label: string, min = 0) =>
  z
    .string({ error: `${label} is required` })
    .transform((s) => s.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(min, min > 0 ? `${label} is required` : undefined)
        .max(max, `${label} is too long (${max} characters at most)`),
    );
