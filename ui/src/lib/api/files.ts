// Files any area saves or prints: Excel export of a roster, sign-in sheet or meeting; PDF through the core's layout
// (打印, 保存为 PDF); opening what was saved.
import { call } from './call';
import type { PdfRequest, RosterRequest, SignInRequest } from './types';

export const files = {
  /** Opens the save dialog in Rust; resolves to the saved path, or null when cancelled. */
  exportXlsx: (req: { roster?: RosterRequest; signIn?: SignInRequest; meetingId?: number }) =>
    call<string | null>('export_xlsx', { roster: req.roster ?? null, signIn: req.signIn ?? null, meetingId: req.meetingId ?? null }),
};

export const pdf = {
  /** Opens the save dialog in Rust; resolves to the saved path, or null when cancelled. */
  save: (request: PdfRequest) => call<string | null>('pdf_save', { request }),
  /** Writes the PDF to a temp file and opens it in the system's viewer to print. */
  print: (request: PdfRequest) => call<string>('pdf_print', { request }),
  openSaved: (path: string, folder: boolean) => call<null>('open_saved', { path, folder }),
};
