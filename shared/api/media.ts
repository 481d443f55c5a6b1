/** The media type of a Word file (.docx), for uploads and downloads. */
export const DOCX_MEDIA_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
