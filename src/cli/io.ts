export interface CliIo {
  out(s: string): void
  err(s: string): void
  version: string
}
