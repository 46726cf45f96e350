export { currencyDecimals, formatMoney, parseMoney } from './money';
export {
  formatDate,
  formatDateTime,
  formatPreciseTime,
  formatRelative,
  isoToLocalInput,
  localInputToIso,
} from './dates';
export {
  errorCodeWords,
  errorMessage,
  isErrorCode,
  normalizeErrorCode,
  type ErrorCode,
} from './errors';
export { DateTimePipe, MoneyPipe, RelativeTimePipe } from './pipes';
export { randomId } from './ids';
