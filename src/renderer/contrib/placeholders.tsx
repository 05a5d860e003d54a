/** Views whose features arrive with later work; each says plainly what it will hold. */
export function ComingView({ text }: { text: string }) {
  return <p className="muted">{text}</p>
}
