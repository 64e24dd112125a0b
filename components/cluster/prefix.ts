import { maskToPrefix } from '@/lib/cluster/primitives';

export const prefixOf = (mask: string) => maskToPrefix(mask) ?? mask;
