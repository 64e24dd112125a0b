import { renderPrometheus } from '@/lib/ipvs/metrics';
import { liveMonitor } from '@/lib/monitor';
import { isMetricsAuthorized, metricsToken } from '@/lib/monitor/metrics-token';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  if (!isMetricsAuthorized(request.headers.get('authorization'), metricsToken())) {
    return new Response('unauthorized\n', { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="lvs-console-metrics"', 'content-type': 'text/plain' } });
  }
  const monitor = liveMonitor();
  await monitor.touch();
  return new Response(renderPrometheus(monitor.metricsInput()), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
}
