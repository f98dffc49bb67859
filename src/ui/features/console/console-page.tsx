// Placeholder until the console feature lands (issue 5).
export default function ConsolePage({ drillId }: { drillId: string }) {
  return <section className="page"><h1>主持人控制台 / Facilitator console</h1><p>{drillId}</p></section>;
}
