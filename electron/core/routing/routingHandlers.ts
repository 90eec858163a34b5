import type { RequestHandlers } from '../../../shared/contract/api';
import type { RoutingService } from './routingService';

/** The routing room's requests: the coverage layer (snapshot and the renderers' leases). */
export function routingHandlers(
  routing: RoutingService,
): Pick<RequestHandlers, 'coverage.get' | 'coverage.setEnabled'> {
  return {
    'coverage.get': async () => routing.coverage(),
    'coverage.setEnabled': async ({ clientId, enabled }) => ({
      enabledClients: routing.setCoverageEnabled(clientId, enabled),
    }),
  };
}
