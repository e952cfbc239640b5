import { DEFAULT_TEST_TAKER_TOOLS } from '@exam/contracts';
import { toolAttributes } from './tool-attributes';

describe('toolAttributes', () => {
  it('sets nothing for the defaults', () => {
    expect(Object.values(toolAttributes(DEFAULT_TEST_TAKER_TOOLS)).every((v) => v === null)).toBe(
      true,
    );
  });

  it('names each chosen tool for the styles', () => {
    expect(
      toolAttributes({
        ...DEFAULT_TEST_TAKER_TOOLS,
        textSize: 200,
        lineSpacing: 'wider',
        highContrast: true,
        dyslexiaFont: true,
      }),
    ).toEqual({
      'data-tt-size': '200',
      'data-tt-spacing': 'wider',
      'data-tt-contrast': 'high',
      'data-tt-font': 'dyslexic',
    });
  });
});
