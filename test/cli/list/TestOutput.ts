import { Output } from '../../../src/cli/Output.ts';

/** An `Output` that keeps what is written instead of writing to a descriptor. */
export class TestOutput extends Output {
  /** Everything written so far. */
  text = '';

  /** Not bound to a descriptor. */
  constructor() {
    super(-1);
  }

  /** Keeps the text. */
  override write(text: string): void {
    this.text += text;
  }

  /** Nothing to flush. */
  override flush(): void {}
}
