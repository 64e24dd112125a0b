/** The words of an alert, in the channel's language. Pure: event in, subject and body out. */
import type { StoredEvent } from '../events/store';

export type AlertReason = 'event' | 'realert' | 'test';
export type AlertLanguage = 'en' | 'ko';

const KIND_TEXT: Record<AlertLanguage, Record<string, string>> = {
  en: {
    'rs-down': 'Real server down', 'rs-up': 'Real server up', 'keepalived-started': 'keepalived started', 'keepalived-stopped': 'keepalived stopped',
    'director-master': 'Director became master', 'director-backup': 'Director became backup', 'director-fault': 'Director fault',
    'drain-started': 'Drain started', 'drain-done': 'Drain done', 'split-brain': 'Split brain', 'parse-error': 'Unreadable event log line', test: 'Test alert',
  },
  ko: {
    'rs-down': '실서버 다운', 'rs-up': '실서버 복구', 'keepalived-started': 'keepalived 시작', 'keepalived-stopped': 'keepalived 중지',
    'director-master': '디렉터 마스터 전환', 'director-backup': '디렉터 백업 전환', 'director-fault': '디렉터 장애',
    'drain-started': '드레인 시작', 'drain-done': '드레인 완료', 'split-brain': '스플릿 브레인', 'parse-error': '읽을 수 없는 이벤트 로그 줄', test: '테스트 알림',
  },
};

const LABELS: Record<AlertLanguage, { node: string; service: string; rs: string; at: string; still: string; test: string }> = {
  en: { node: 'Node', service: 'Service', rs: 'Real server', at: 'At (node clock, UTC)', still: 'still down', test: 'This is a test alert from LVS Console. Delivery works.' },
  ko: { node: '노드', service: '서비스', rs: '실서버', at: '시각 (노드 시계, UTC)', still: '계속 다운 상태', test: 'LVS Console의 테스트 알림입니다. 전송이 정상입니다.' },
};

export interface AlertText {
  subject: string;
  body: string;
}

export function alertText(event: StoredEvent, reason: AlertReason, language: AlertLanguage): AlertText {
  const l = LABELS[language];
  const kind = KIND_TEXT[language][reason === 'test' ? 'test' : event.kind] ?? event.kind;
  const detail = event.detail as Record<string, unknown>;
  const where = [detail.rs, detail.service].filter((x) => typeof x === 'string').join(' / ');
  const suffix = reason === 'realert' ? ` (${l.still})` : '';
  const subject = `[LVS] ${kind}${where ? `: ${where}` : ''}${suffix}`.replace(/[\r\n]/g, ' ');
  const lines = reason === 'test' ? [l.test] : [
    `${kind}${suffix}`,
    `${l.node}: ${event.node}`,
    ...(typeof detail.service === 'string' ? [`${l.service}: ${detail.service}${event.service ? ` (${event.service})` : ''}`] : []),
    ...(typeof detail.rs === 'string' ? [`${l.rs}: ${detail.rs}${event.realServer ? ` (${event.realServer})` : ''}`] : []),
    `${l.at}: ${event.at}`,
  ];
  return { subject, body: `${lines.join('\n')}\n` };
}
