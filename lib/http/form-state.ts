/** What a form's server action answers: a sentence per field that needs fixing, and one for the form. */
export type FormState = { errors: Record<string, string>; message?: string };
