import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../stores/mongo-models';
import { LAUNCH_STATUSES, type LaunchStatusValue } from './statuses';

/**
 * A launch as customers choose it, in the customer store's `launches`: a copy of
 * PostgreSQL's launch with its spaceport and rocket name, kept by the sync
 * worker. `seatsAvailable` is what was free when the copy was made; PostgreSQL
 * alone decides seats.
 */
export interface LaunchViewRecord {
  /** PostgreSQL's launch id. */
  _id: string;
  supplierId: string;
  rocketId: string;
  rocketName: string | null;
  mission: string;
  destination: string;
  /** The destination in lower case: what the destination filter matches. */
  destinationKey: string;
  scheduledAt: Date;
  status: LaunchStatusValue;
  statusReason: string | null;
  pricePerSeat: number;
  currency: string;
  seatCapacity: number;
  seatsAvailable: number;
  spaceport: { id: string; name: string; location: string };
  /** The id of the last outbox event applied: an older event arriving late is ignored. */
  version: number;
  /** When the sync worker last wrote the copy. */
  syncedAt: Date;
}

export const LAUNCH_VIEWS_COLLECTION = 'launches';

/** How a destination is matched: whole name, any letter case. */
export function destinationKey(destination: string): string {
  return destination.trim().toLowerCase();
}

const launchViewSchema = new Schema<LaunchViewRecord>(
  {
    _id: { type: String, required: true },
    supplierId: { type: String, required: true },
    rocketId: { type: String, required: true },
    rocketName: { type: String, default: null },
    mission: { type: String, required: true },
    destination: { type: String, required: true },
    destinationKey: { type: String, required: true },
    scheduledAt: { type: Date, required: true },
    status: { type: String, enum: LAUNCH_STATUSES, required: true },
    statusReason: { type: String, default: null },
    pricePerSeat: { type: Number, required: true },
    currency: { type: String, required: true },
    seatCapacity: { type: Number, required: true },
    seatsAvailable: { type: Number, required: true },
    spaceport: {
      id: { type: String, required: true },
      name: { type: String, required: true },
      location: { type: String, required: true },
    },
    version: { type: Number, required: true },
    syncedAt: { type: Date, required: true },
  },
  { collection: LAUNCH_VIEWS_COLLECTION, versionKey: false, autoIndex: false },
);
// `launches` lists launches on sale by departure (then id, the cursor's key), each
// filter leading one index; rocket and spaceport renames find their launches.
launchViewSchema.index({ status: 1, scheduledAt: 1, _id: 1 });
launchViewSchema.index({ destinationKey: 1, status: 1, scheduledAt: 1, _id: 1 });
launchViewSchema.index({ 'spaceport.id': 1, status: 1, scheduledAt: 1, _id: 1 });
launchViewSchema.index({ rocketId: 1 });

export type LaunchViewModel = Model<LaunchViewRecord>;

export function launchViewModel(connection: Connection): LaunchViewModel {
  return modelOn(connection, 'LaunchView', launchViewSchema);
}
