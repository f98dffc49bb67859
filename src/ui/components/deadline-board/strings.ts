import { registerStrings } from '@/ui/i18n';

/** The deadline board's words: the same on the console and in the review walkthrough. */
registerStrings('deadline-board', {
  'zh-TW': {
    heading: '期限看板',
    help: '依評分引擎於目前模擬時間的判定；顏色之外皆附文字。',
    obligation: '義務',
    limit: '期限',
    countdown: '倒數',
    status: '狀態',
    left: '剩 {{time}}',
    over: '逾時 {{time}}',
    doneAt: '完成於 {{time}}',
    noLimit: '—',
    doit: '（資訊局）',
    score: '目前得分',
    verdictNow: '目前判定',
    empty: '知悉（T0）後顯示各項期限。',
  },
  en: {
    heading: 'Deadline board',
    help: 'As the scoring engine judges it at the simulated now; every colour also has words.',
    obligation: 'Obligation',
    limit: 'Limit',
    countdown: 'Countdown',
    status: 'Status',
    left: '{{time}} left',
    over: '{{time}} over',
    doneAt: 'done {{time}}',
    noLimit: '—',
    doit: ' (DoIT)',
    score: 'Score so far',
    verdictNow: 'verdict so far:',
    empty: 'Limits appear after awareness (T0).',
  },
});
