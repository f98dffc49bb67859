/** The results' distributions (recharts, loaded lazily with this file only when results are shown). */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { binLabel } from '@/engine/city/city-report';
import { cityText } from '@/engine/city/city-text';
import type { Distribution } from '@/engine/city/results';

/** The axis's short label ("60–90", ">120"; the unit is in the title), so the bins' labels fit side by side at 1024 px. */
const binTick = (fromMin: number, toMin: number | null): string => (toMin === null ? `>${fromMin}` : `${fromMin}–${toMin}`);

export default function DistributionChart({ title, data, lang, description }: { title: string; data: Distribution; lang: 'zh-TW' | 'en'; description: string }) {
  const series = data.bins.map((b) => ({ tick: binTick(b.fromMin, b.toMin), name: binLabel(b.fromMin, b.toMin, lang), count: b.count }));
  return (
    <figure className="city-chart">
      <figcaption>{title}</figcaption>
      {/* The bars as one image named by the title and described by the counts (figure may not take role img). */}
      <div role="img" aria-label={title} aria-description={description}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={series} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="tick" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} width={32} />
            <Tooltip labelFormatter={(_label, payload) => String(payload[0]?.payload?.name ?? _label)} />
            <Bar dataKey="count" name={cityText(lang, 'distribution.agencies')} fill="#0b4f8a" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="city-hint">{description}</p>
    </figure>
  );
}
