// exceljs ships types for its main entry only; the parts imported by path in excel.ts.
declare module 'exceljs/lib/doc/workbook.js' {
  const Workbook: unknown
  export default Workbook
}
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  const WorkbookWriter: unknown
  export default WorkbookWriter
}
