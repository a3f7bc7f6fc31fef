/** The hidden field that carries a form's one-time key (see form-submissions.server.ts). */
export const FORM_KEY_FIELD = "formKey";
