import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AsyncStateComponent } from './async-state.component';
import { ConfirmDialogComponent } from './confirm-dialog.component';
import { LineChartComponent, type ChartSeries } from './line-chart.component';
import { OccupancyComponent } from './occupancy.component';
import { PagerComponent } from './pager.component';
import { ReasonDialogComponent, type ReasonDialogResult } from './reason-dialog.component';
import { ShellComponent } from './shell.component';
import { StatusBadgeComponent } from './status-badge.component';

function render<T>(component: new () => T): {
  fixture: ComponentFixture<T>;
  host: T;
  el: HTMLElement;
} {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const fixture = TestBed.createComponent(component);
  fixture.detectChanges();
  return { fixture, host: fixture.componentInstance, el: fixture.nativeElement as HTMLElement };
}

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

@Component({
  imports: [AsyncStateComponent],
  template: `
    <ui-async
      [loading]="loading()"
      [error]="error()"
      [hasData]="hasData()"
      [empty]="empty()"
      emptyTitle="No launches match"
      emptyText="Try another destination."
      (retry)="retries = retries + 1"
    >
      <p class="content">the list</p>
    </ui-async>
  `,
})
class AsyncHost {
  loading = signal(true);
  error = signal<string | { message: string } | null>(null);
  hasData = signal(false);
  empty = signal(false);
  retries = 0;
}

describe('ui-async: the states of a screen that loads data', () => {
  it('shows loading until data, then the content', () => {
    const { fixture, host, el } = render(AsyncHost);
    expect(text(el.querySelector('[role="status"]'))).toBe('Loading…');
    expect(el.querySelector('.content')).toBeNull();
    host.loading.set(false);
    host.hasData.set(true);
    fixture.detectChanges();
    expect(el.querySelector('[role="status"]')).toBeNull();
    expect(text(el.querySelector('.content'))).toBe('the list');
  });

  it('keeps showing the data while reloading', () => {
    const { fixture, host, el } = render(AsyncHost);
    host.hasData.set(true);
    fixture.detectChanges();
    expect(el.querySelector('.content')).not.toBeNull();
    expect(el.querySelector('[role="status"]')).toBeNull();
  });

  it('says there is nothing, in words', () => {
    const { fixture, host, el } = render(AsyncHost);
    host.loading.set(false);
    host.hasData.set(true);
    host.empty.set(true);
    fixture.detectChanges();
    expect(text(el.querySelector('.empty .title'))).toBe('No launches match');
    expect(text(el.querySelector('.empty .muted'))).toBe('Try another destination.');
    expect(el.querySelector('.content')).toBeNull();
  });

  it('says what went wrong and lets the reader try again', () => {
    const { fixture, host, el } = render(AsyncHost);
    host.loading.set(false);
    host.error.set({ message: 'AstroBookings cannot be reached.' });
    fixture.detectChanges();
    const alert = el.querySelector('[role="alert"]');
    expect(text(alert)).toContain('AstroBookings cannot be reached.');
    alert!.querySelector('button')!.click();
    expect(host.retries).toBe(1);
  });
});

@Component({
  imports: [PagerComponent],
  template: `<ui-pager
    [page]="page()"
    [pageSize]="10"
    [shown]="shown()"
    [totalCount]="23"
    [hasNext]="hasNext()"
    (next)="moves.push('next')"
    (previous)="moves.push('previous')"
  />`,
})
class PagerHost {
  page = signal(1);
  shown = signal(10);
  hasNext = signal(true);
  moves: string[] = [];
}

describe('ui-pager', () => {
  it('says where the reader is and offers only the ways that exist', () => {
    const { fixture, host, el } = render(PagerHost);
    const [previous, next] = Array.from(el.querySelectorAll('button'));
    expect(text(el.querySelector('.where'))).toBe('1–10 of 23');
    expect(previous.disabled).toBe(true);
    next.click();
    host.page.set(3);
    host.shown.set(3);
    host.hasNext.set(false);
    fixture.detectChanges();
    expect(text(el.querySelector('.where'))).toBe('21–23 of 23');
    expect(next.disabled).toBe(true);
    previous.click();
    expect(host.moves).toEqual(['next', 'previous']);
  });
});

@Component({
  imports: [StatusBadgeComponent, OccupancyComponent],
  template: `
    <ui-badge status="CONFIRMED" />
    <ui-badge status="REJECTED" />
    <ui-badge status="SOMETHING_NEW" />
    <ui-occupancy [sold]="3" [capacity]="8" />
  `,
})
class BadgeHost {}

describe('ui-badge and ui-occupancy', () => {
  it('gives a status its colour and always its words', () => {
    const { el } = render(BadgeHost);
    const badges = Array.from(el.querySelectorAll('.badge'));
    expect(badges.map((b) => text(b))).toEqual(['confirmed', 'rejected', 'something new']);
    expect(badges[0].classList).toContain('badge-success');
    expect(badges[1].classList).toContain('badge-danger');
    expect(badges[2].classList).toContain('badge-neutral');
  });

  it('shows occupancy as a meter and in words', () => {
    const { el } = render(BadgeHost);
    const meter = el.querySelector('meter')!;
    expect(meter.getAttribute('aria-label')).toBe('3 of 8 seats (38%)');
    expect(text(el.querySelector('ui-occupancy'))).toBe('3 of 8 seats (38%)');
  });
});

@Component({
  imports: [ConfirmDialogComponent, ReasonDialogComponent],
  template: `
    <ui-confirm-dialog
      [open]="open()"
      heading="Cancel this booking?"
      (confirmed)="events.push('confirmed')"
      (cancelled)="events.push('cancelled')"
    >
      <p class="body">2 seats on Artemis</p>
    </ui-confirm-dialog>
    <ui-reason-dialog
      [open]="reasonOpen()"
      heading="Void this invoice?"
      dateTimeLabel="New time"
      (confirmed)="result = $event"
    />
  `,
})
class DialogHost {
  open = signal(false);
  reasonOpen = signal(false);
  events: string[] = [];
  result: ReasonDialogResult | null = null;
}

describe('dialogs', () => {
  it('opens as a modal with its heading, and answers confirm or keep', () => {
    const { fixture, host, el } = render(DialogHost);
    const dialog = el.querySelector('ui-confirm-dialog dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(false);
    host.open.set(true);
    fixture.detectChanges();
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe(
      'Cancel this booking?',
    );
    expect(text(dialog.querySelector('.body'))).toBe('2 seats on Artemis');
    const [keep, confirm] = Array.from(dialog.querySelectorAll('button'));
    keep.click();
    dialog.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(host.events).toEqual(['cancelled', 'confirmed']);
    expect(confirm.textContent).toContain('Confirm');
    host.open.set(false);
    fixture.detectChanges();
    expect(dialog.open).toBe(false);
  });

  it('asks for a reason (and a time) before it can be confirmed', async () => {
    const { fixture, host, el } = render(DialogHost);
    host.reasonOpen.set(true);
    fixture.detectChanges();
    const dialog = el.querySelector('ui-reason-dialog dialog') as HTMLDialogElement;
    const submit = dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.disabled).toBe(true);
    const reason = dialog.querySelector('textarea')!;
    reason.value = '  Paid twice  ';
    reason.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(submit.disabled).toBe(true);
    const time = dialog.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
    time.value = '2030-01-01T10:00';
    time.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(submit.disabled).toBe(false);
    dialog.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(host.result).toEqual({ reason: 'Paid twice', dateTime: '2030-01-01T10:00' });
  });
});

@Component({
  imports: [ShellComponent],
  template: `<ui-shell
    appName="suppliers"
    homePath="/launches"
    [links]="[
      { path: '/launches', label: 'Launches' },
      { path: '/rockets', label: 'Rockets' },
    ]"
    userName="Sam"
    (signOut)="events.push('out')"
    (signOutEverywhere)="events.push('everywhere')"
    ><p class="page-content">page</p></ui-shell
  >`,
})
class ShellHost {
  events: string[] = [];
}

describe('ui-shell', () => {
  it('names the app, lists its sections and the user, and signs out', () => {
    const { host, el } = render(ShellHost);
    expect(text(el.querySelector('.brand'))).toBe('AstroBookings suppliers');
    expect(Array.from(el.querySelectorAll('nav li a')).map((a) => text(a))).toEqual([
      'Launches',
      'Rockets',
    ]);
    expect(text(el.querySelector('.who'))).toBe('Sam');
    expect(text(el.querySelector('main#main'))).toBe('page');
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('.user button'));
    buttons[0].click();
    buttons[1].click();
    expect(host.events).toEqual(['out', 'everywhere']);
  });

  it('has a skip link and a menu button that says whether it is open', () => {
    const { fixture, el } = render(ShellHost);
    expect(el.querySelector('a.skip')?.getAttribute('href')).toBe('#main');
    const toggle = el.querySelector<HTMLButtonElement>('.menu-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    fixture.detectChanges();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector('nav')!.classList).toContain('open');
  });
});

@Component({
  imports: [LineChartComponent],
  template: `<ui-line-chart heading="Requests" unit="/s" [series]="series()" />`,
})
class ChartHost {
  series = signal<ChartSeries[]>([]);
}

describe('ui-line-chart', () => {
  it('draws a line per series and describes the latest values', () => {
    const { fixture, host, el } = render(ChartHost);
    expect(text(el.querySelector('.none'))).toBe('No data in this period yet.');
    host.series.set([
      {
        label: 'gateway',
        points: [
          { t: '2030-01-01T10:00:00Z', v: 2 },
          { t: '2030-01-01T10:01:00Z', v: 4 },
        ],
      },
      { label: 'auth', points: [{ t: '2030-01-01T10:01:00Z', v: 1 }] },
    ]);
    fixture.detectChanges();
    const svg = el.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('aria-label')).toBe('Requests, latest: gateway 4 /s, auth 1 /s');
    const lines = Array.from(el.querySelectorAll('polyline'));
    expect(lines).toHaveLength(2);
    // From the left to the right edge; the scale tops out at a round 5 above the highest 4
    // (the plot is 144 high from y = 12): 2 → 156 - 57.6, 4 → 156 - 115.2.
    expect(lines[0].getAttribute('points')).toBe('56.0,98.4 588.0,40.8');
    expect(lines.map((line) => line.getAttribute('stroke'))).toEqual(['#4338ca', '#0891b2']);
    expect(Array.from(el.querySelectorAll('text')).map((t) => text(t))).toContain('5 /s');
    expect(Array.from(el.querySelectorAll('figcaption .key')).map((k) => text(k))).toEqual([
      'gateway',
      'auth',
    ]);
  });
});
