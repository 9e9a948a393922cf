/** The API groups of the objects a clone involves besides the core group's. */
export const snapshotGroup = 'snapshot.storage.k8s.io';
export const gatewayGroup = 'gateway.networking.k8s.io';
