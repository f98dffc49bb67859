// Placeholder until the review feature lands (issue 6).
export default function ComparePage() {
  return <section className="page"><h1>比較演練 / Compare drills</h1></section>;
}
