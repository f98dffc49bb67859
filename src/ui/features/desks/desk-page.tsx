// Placeholder until the desks feature lands (issue 5).
export default function DeskPage({ drillId, role }: { drillId: string; role: string }) {
  return <section className="page"><h1>{role}</h1><p>{drillId}</p></section>;
}
