// Placeholder until the desks feature lands (issue 5).
export default function DesksPage({ drillId }: { drillId: string }) {
  return <section className="page"><h1>角色工作台 / Role desks</h1><p>{drillId}</p></section>;
}
