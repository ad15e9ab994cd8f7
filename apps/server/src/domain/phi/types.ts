/** The HIPAA Safe Harbor identifier types the guard reports. */
export type PhiType =
  | 'NAME'
  | 'GEOGRAPHIC_LOCATION'
  | 'DATE'
  | 'AGE_OVER_89'
  | 'PHONE_NUMBER'
  | 'FAX_NUMBER'
  | 'EMAIL_ADDRESS'
  | 'SOCIAL_SECURITY_NUMBER'
  | 'MEDICAL_RECORD_NUMBER'
  | 'HEALTH_PLAN_BENEFICIARY_NUMBER'
  | 'ACCOUNT_NUMBER'
  | 'CERTIFICATE_LICENSE_NUMBER'
  | 'VEHICLE_IDENTIFIER'
  | 'DEVICE_IDENTIFIER'
  | 'URL'
  | 'IP_ADDRESS'
  | 'UNIQUE_IDENTIFIER';

export const PHI_TYPES: readonly PhiType[] = [
  'NAME',
  'GEOGRAPHIC_LOCATION',
  'DATE',
  'AGE_OVER_89',
  'PHONE_NUMBER',
  'FAX_NUMBER',
  'EMAIL_ADDRESS',
  'SOCIAL_SECURITY_NUMBER',
  'MEDICAL_RECORD_NUMBER',
  'HEALTH_PLAN_BENEFICIARY_NUMBER',
  'ACCOUNT_NUMBER',
  'CERTIFICATE_LICENSE_NUMBER',
  'VEHICLE_IDENTIFIER',
  'DEVICE_IDENTIFIER',
  'URL',
  'IP_ADDRESS',
  'UNIQUE_IDENTIFIER',
];

/** A detected identifier: UTF-16 offsets into the scanned text, end exclusive. */
export interface PhiSpan {
  start: number;
  end: number;
  type: PhiType;
  text: string;
}

/**
 * A detector's raw finding before overlaps are resolved. `priority` decides the type of a merged
 * span: a labelled identifier ("MRN: 123-45-6789") outranks the bare shape of an SSN.
 */
export interface Candidate {
  start: number;
  end: number;
  type: PhiType;
  priority: number;
}

/** A range that only looks like PHI (an eponym, a citation, a hashtag): nothing inside it is reported. */
export interface Range {
  start: number;
  end: number;
}
