import { Pipe, type PipeTransform } from '@angular/core';
import { formatDate, formatDateTime, formatPreciseTime, formatRelative } from './dates';
import { formatMoney } from './money';

/** `{{ booking.totalPrice | money: booking.currency }}` */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(amount: number | null | undefined, currency: string | null | undefined): string {
    return amount == null || !currency ? '—' : formatMoney(amount, currency);
  }
}

/**
 * `{{ launch.scheduledAt | dateTime }}`; `| dateTime: 'date'` without the time,
 * `| dateTime: 'precise'` to the millisecond.
 */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(
    value: string | null | undefined,
    style: 'dateTime' | 'date' | 'precise' = 'dateTime',
  ): string {
    if (!value) return '—';
    if (style === 'date') return formatDate(value);
    return style === 'precise' ? formatPreciseTime(value) : formatDateTime(value);
  }
}

/** `{{ notification.createdAt | relativeTime }}` → "5 minutes ago" */
@Pipe({ name: 'relativeTime' })
export class RelativeTimePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return value ? formatRelative(value) : '—';
  }
}
