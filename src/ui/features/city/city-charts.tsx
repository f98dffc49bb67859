/** The results' distributions (recharts, loaded lazily with this file only when results are shown). */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { binLabel } from '@/engine/city/city-report';
import type { Distribution } from '@/engine/city/results';

export default function DistributionChart({ title, data, lang, description }: { title: string; data: Distribution; lang: 'zh-TW' | 'en'; description: string }) {
  const series = data.bins.map((b) => ({ name: binLabel(b.fromMin, b.toMin, lang), count: b.count, within: b.toMin !== null && b.toMin <= data.limitMin }));
  return (
    <figure className="city-chart" role="img" aria-label={title} aria-description={description}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={series} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip />
          <Bar dataKey="count" fill="#0b4f8a" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <p className="city-hint">{description}</p>
    </figure>
  );
}
