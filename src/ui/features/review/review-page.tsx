// Placeholder until the review feature lands (issue 6).
export default function ReviewPage({ drillId }: { drillId?: string }) {
  return <section className="page"><h1>檢討座談會 / Debrief</h1><p>{drillId}</p></section>;
}
