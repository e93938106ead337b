export { ExportButton, EXPORT_FORMAT_OPTIONS } from './ExportButton';
export type { ExportButtonProps } from './ExportButton';
