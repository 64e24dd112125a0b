/**
 * The doctor's remedies in both languages. They travel inside the report (stored with events,
 * answered by the API), so they live here rather than in the UI's dictionaries. `{x}` placeholders
 * are filled with values that came from the model or were parsed as addresses and numbers.
 */
import type { Remedy } from './types';

const TEXT = {
  'ssh': {
    en: 'Reach the real server over SSH first (the live view names the SSH error); every other check reads it.',
    ko: '먼저 SSH로 리얼 서버에 접속할 수 있어야 합니다(라이브 화면에 SSH 오류가 표시됩니다). 다른 점검은 모두 SSH로 읽습니다.',
  },
  'read-failed': {
    en: 'The node answered something the doctor could not read; run the command in the detail on the node by hand.',
    ko: '노드의 출력을 해석하지 못했습니다. 상세에 적힌 명령을 노드에서 직접 실행해 확인하세요.',
  },
  'listen-none': {
    en: 'Start the service on the real server and make it listen on port {port} (on every address, e.g. Apache `Listen {port}`).',
    ko: '리얼 서버에서 서비스를 시작하고 포트 {port}에서 수신하게 하세요(모든 주소에서, 예: Apache `Listen {port}`).',
  },
  'listen-address': {
    en: 'Make the server listen on every address or on the VIP {vip}, not only on {bound}: e.g. Apache `Listen {port}` instead of `Listen {bound}`, nginx `listen {port};`. Then restart it.',
    ko: '서버가 {bound}에만 바인드하지 말고 모든 주소나 VIP {vip}에서 수신하게 하세요. 예: Apache는 `Listen {bound}` 대신 `Listen {port}`, nginx는 `listen {port};`. 그다음 서버를 다시 시작하세요.',
  },
  'listen-nat': {
    en: 'With NAT the director sends clients to {own}:{port}: make the server listen there or on every address (e.g. Apache `Listen {port}`), not only on {bound}.',
    ko: 'NAT에서는 디렉터가 클라이언트를 {own}:{port}로 보냅니다. 서버가 {bound}에만 바인드하지 말고 그 주소나 모든 주소에서 수신하게 하세요(예: Apache `Listen {port}`).',
  },
  'dr-vip-on-lo': {
    en: 'Run Save state (or Re-apply in the live view): it adds the VIP to lo. By hand: `ip addr add {vip}/32 dev lo label lo:lvs`.',
    ko: '상태 저장(또는 라이브 화면의 다시 적용)을 실행하면 VIP가 lo에 추가됩니다. 직접 하려면: `ip addr add {vip}/32 dev lo label lo:lvs`.',
  },
  'arp': {
    en: 'Without these the real server answers ARP for the VIP and steals it from the director. Run Save state (or Re-apply); by hand: `sysctl -w {keys}`.',
    ko: '이 값이 없으면 리얼 서버가 VIP에 대한 ARP에 응답해 디렉터의 VIP를 가로챕니다. 상태 저장(또는 다시 적용)을 실행하세요. 직접 하려면: `sysctl -w {keys}`.',
  },
  'tun-ipip': {
    en: 'Load the tunnel module: `modprobe ipip` (Save state does this and keeps it across reboots).',
    ko: '터널 모듈을 올리세요: `modprobe ipip` (상태 저장이 이를 수행하고 재부팅 후에도 유지합니다).',
  },
  'tun-vip-on-tunl0': {
    en: 'Run Save state (or Re-apply): it adds the VIP to {dev}. By hand: `ip addr add {vip}/32 dev {dev} label {dev}:lvs && ip link set {dev} up`.',
    ko: '상태 저장(또는 다시 적용)을 실행하면 VIP가 {dev}에 추가됩니다. 직접 하려면: `ip addr add {vip}/32 dev {dev} label {dev}:lvs && ip link set {dev} up`.',
  },
  'tun-rp-filter': {
    en: 'Strict reverse-path filtering drops the decapsulated packets. Run Save state (or Re-apply); by hand: `sysctl -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.{dev}.rp_filter=0`.',
    ko: '엄격한 역경로 필터(rp_filter)가 역캡슐화된 패킷을 버립니다. 상태 저장(또는 다시 적용)을 실행하세요. 직접 하려면: `sysctl -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.{dev}.rp_filter=0`.',
  },
  'nat-gateway': {
    en: 'With NAT the replies must go back through the director: set the default route to {director} (Save state with "fix the NAT gateway", or `ip route replace default via {director}`).',
    ko: 'NAT에서는 응답이 디렉터를 거쳐 돌아가야 합니다. 기본 경로를 {director}로 설정하세요(상태 저장에서 "NAT 게이트웨이 수정" 선택, 또는 `ip route replace default via {director}`).',
  },
  'nat-no-director': {
    en: 'Choose a director in Master priority; the doctor compares the default route with its address.',
    ko: '마스터 우선순위에서 디렉터를 지정하세요. 기본 경로를 그 주소와 비교합니다.',
  },
  'request-failed': {
    en: 'The director cannot reach {target}. Check the server answers there, and that no firewall between director and real server drops it.',
    ko: '디렉터에서 {target}에 닿지 않습니다. 서버가 그 주소에서 응답하는지, 디렉터와 리얼 서버 사이의 방화벽이 막지 않는지 확인하세요.',
  },
  'request-status': {
    en: 'The server answers {target} with status {status}: make the check path exist and answer 2xx, or change the check.',
    ko: '서버가 {target}에 상태 코드 {status}로 응답합니다. 점검 경로가 존재하고 2xx로 응답하게 하거나 점검 설정을 바꾸세요.',
  },
  'request-tool': {
    en: 'The director lacks the tool for this request ({tool}): install busybox (or netcat / wget) on it.',
    ko: '디렉터에 이 요청에 필요한 도구({tool})가 없습니다. busybox(또는 netcat / wget)를 설치하세요.',
  },
  'no-director': {
    en: 'The director is not known or not reachable over SSH: choose one in Master priority and check its SSH state.',
    ko: '디렉터를 알 수 없거나 SSH로 접속할 수 없습니다. 마스터 우선순위에서 지정하고 SSH 상태를 확인하세요.',
  },
} satisfies Record<string, Remedy>;

export type RemedyKey = keyof typeof TEXT;

export const NO_REMEDY: Remedy = { en: '', ko: '' };

export function remedy(key: RemedyKey, values: Record<string, string | number> = {}): Remedy {
  const fill = (s: string) => s.replace(/\{([a-z]+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
  return { en: fill(TEXT[key].en), ko: fill(TEXT[key].ko) };
}
