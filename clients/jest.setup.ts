import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// jsdom has <dialog> without its modal methods: open and close it as a browser would.
const dialog = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
dialog['showModal'] ??= function (this: HTMLDialogElement) {
  this.open = true;
};
dialog['close'] ??= function (this: HTMLDialogElement) {
  this.open = false;
};
