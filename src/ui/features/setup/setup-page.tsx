// Placeholder until the setup feature lands (issue 5).
export default function SetupPage() {
  return <section className="page"><h1>新增演練 / New drill</h1></section>;
}
