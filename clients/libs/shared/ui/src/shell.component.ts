import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

export interface NavLink {
  path: string;
  label: string;
}

/**
 * The frame of every signed-in page: the app's name, its sections, the user's
 * menu (sign out here or everywhere), and the page itself. On a phone the
 * sections fold into a menu button.
 */
@Component({
  selector: 'ui-shell',
  imports: [RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#main" (click)="skipToMain($event)">Skip to content</a>
    <header class="bar">
      <div class="bar-inner">
        <a class="brand" [routerLink]="homePath()">
          <svg class="logo" viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
            <circle cx="16" cy="16" r="15" fill="#312e81" />
            <path d="M16 5c4 3 5 8 4 13l-4 4-4-4c-1-5 0-10 4-13z" fill="#fff" />
            <circle cx="16" cy="13" r="2" fill="#4338ca" />
            <path d="M12 18l-3 5 4-1M20 18l3 5-4-1" fill="#a5b4fc" />
          </svg>
          <span
            >AstroBookings <span class="app">{{ appName() }}</span></span
          >
        </a>
        <button
          type="button"
          class="menu-toggle btn btn-ghost"
          [attr.aria-expanded]="menuOpen()"
          aria-controls="app-nav"
          (click)="menuOpen.set(!menuOpen())"
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path
              d="M3 6h18M3 12h18M3 18h18"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
            />
          </svg>
          <span class="sr-only">Menu</span>
        </button>
        <nav id="app-nav" aria-label="Sections" [class.open]="menuOpen()">
          <ul>
            @for (link of links(); track link.path) {
              <li>
                <a
                  [routerLink]="link.path"
                  routerLinkActive="active"
                  ariaCurrentWhenActive="page"
                  (click)="menuOpen.set(false)"
                  >{{ link.label }}</a
                >
              </li>
            }
          </ul>
          @if (userName(); as name) {
            <div class="user">
              <span class="who" [title]="userEmail()">{{ name }}</span>
              <button type="button" class="btn btn-small" (click)="signOut.emit()">Sign out</button>
              <button
                type="button"
                class="btn btn-small btn-ghost light"
                (click)="signOutEverywhere.emit()"
              >
                Sign out everywhere
              </button>
            </div>
          }
        </nav>
      </div>
    </header>
    <main id="main" tabindex="-1" class="page">
      <ng-content />
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100vh;
    }
    .skip {
      position: absolute;
      left: 0.5rem;
      top: -3rem;
      background: #fff;
      padding: 0.5rem 0.75rem;
      border-radius: 6px;
      z-index: 10;
    }
    .skip:focus {
      top: 0.5rem;
    }
    .bar {
      background: linear-gradient(120deg, var(--space-deep), var(--space-mid));
      color: #fff;
    }
    .bar-inner {
      max-width: 1180px;
      margin: 0 auto;
      padding: 0.6rem 1rem;
      display: flex;
      align-items: center;
      gap: 1.25rem;
      flex-wrap: wrap;
    }
    .brand {
      color: #fff;
      text-decoration: none;
      font-weight: 700;
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-size: 1.05rem;
    }
    .brand:hover {
      color: #fff;
    }
    .app {
      font-weight: 500;
      color: #c7d2fe;
    }
    nav {
      display: flex;
      align-items: center;
      gap: 1rem;
      flex: 1;
    }
    nav ul {
      list-style: none;
      display: flex;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      flex: 1;
      flex-wrap: wrap;
    }
    nav a {
      color: #dbe1ff;
      text-decoration: none;
      padding: 0.4rem 0.7rem;
      border-radius: 6px;
      display: block;
      font-weight: 500;
    }
    nav a:hover {
      color: #fff;
      background: rgb(255 255 255 / 10%);
    }
    nav a.active {
      color: #fff;
      background: rgb(255 255 255 / 16%);
    }
    .user {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .who {
      color: #c7d2fe;
      font-size: 0.9rem;
      max-width: 14rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .light {
      color: #dbe1ff;
    }
    .light:hover {
      background: rgb(255 255 255 / 10%);
      color: #fff;
    }
    .menu-toggle {
      display: none;
      color: #fff;
      margin-left: auto;
      font-size: 1.3rem;
    }
    .menu-toggle:hover {
      background: rgb(255 255 255 / 10%);
      color: #fff;
    }
    main:focus {
      outline: none;
    }
    @media (max-width: 860px) {
      .menu-toggle {
        display: inline-flex;
      }
      nav {
        display: none;
        flex-basis: 100%;
        flex-direction: column;
        align-items: stretch;
      }
      nav.open {
        display: flex;
      }
      nav ul {
        flex-direction: column;
      }
      .user {
        flex-wrap: wrap;
        border-top: 1px solid rgb(255 255 255 / 15%);
        padding-top: 0.6rem;
      }
    }
  `,
})
export class ShellComponent {
  readonly appName = input.required<string>();
  readonly homePath = input('/');
  readonly links = input<NavLink[]>([]);
  readonly userName = input<string | null>(null);
  readonly userEmail = input<string | null>(null);
  readonly signOut = output();
  readonly signOutEverywhere = output();
  protected readonly menuOpen = signal(false);

  protected skipToMain(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }
}
