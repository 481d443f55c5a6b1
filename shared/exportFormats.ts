/** The formats a meeting exports to (server/export), named in download links and the UI. */
export const EXPORT_FORMATS = ['docx', 'pdf', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
