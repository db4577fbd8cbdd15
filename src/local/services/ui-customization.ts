// Hosted UI customisation documents (CSS and logo) per pool ("ALL") or per app client.
import { toEpochSeconds } from "./ids.js";

export interface UiData {
  CSS?: string;
  /** Base64 of the logo file. */
  ImageFile?: string;
  CSSVersion: string;
  Created: number;
  LastModified: number;
}

export function describeUi(
  poolId: string,
  clientId: string,
  d: UiData,
  baseUrl: string,
): Record<string, unknown> {
  return {
    UserPoolId: poolId,
    ClientId: clientId,
    ...(d.ImageFile ? { ImageUrl: `${baseUrl}/_ui/${poolId}/${clientId}/logo.png?v=${d.CSSVersion}` } : {}),
    ...(d.CSS !== undefined ? { CSS: d.CSS } : {}),
    CSSVersion: d.CSSVersion,
    LastModifiedDate: toEpochSeconds(d.LastModified),
    CreationDate: toEpochSeconds(d.Created),
  };
}
