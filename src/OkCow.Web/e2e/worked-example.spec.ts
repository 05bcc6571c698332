import { expect, test, type Page } from '@playwright/test';
import { toKstInput } from '../src/lib/format';
import { expectAccessible, screenshots } from './support';
import { expectFigure, expectRefusal, menu, newPerson, openFund, placeOrder, signIn, signUp, submitNumber } from './walk';

// SPEC 3's worked example, walked through the screens by an operator and three investors in their own browsers,
// every figure read off the screen. Needs the backend's sign-in (SPEC 6): OKCOW_OPERATOR_PASSWORD is set by the setup.

const password = 'correct horse battery';

test('SPEC 3 worked example through the screens', async ({ browser }) => {
  test.setTimeout(300_000);
  const started = Date.now();
  const op = await newPerson(browser);
  const a = await newPerson(browser);
  const b = await newPerson(browser);
  const c = await newPerson(browser, 390);

  await signIn(op, 'operator', process.env.E2E_OPERATOR_PASSWORD ?? '', '펀드 운용');
  await expectAccessible(op, 'operator funds (empty)');

  // A, B, C sign up and deposit 1,000,000 / 600,000 / 500,000.
  for (const [page, name, loginId, amount, shown] of [
    [a, 'A', 'alice', '1000000', '₩1,000,000'],
    [b, 'B', 'bob', '600000', '₩600,000'],
    [c, 'C', 'carol', '500000', '₩500,000'],
  ] as const) {
    await signUp(page, name, loginId, password);
    await submitNumber(page, '입금', '입금액', amount, '입금');
    await expectFigure(page, '출금 가능 금액', shown);
  }
  await screenshots(c, 'portfolio-deposit');

  // The operator creates fund F at base price 10,000.
  const create = op.getByRole('region', { name: '펀드 만들기' });
  await create.getByLabel('펀드 이름').fill('F');
  await create.getByLabel('기준 가격').fill('10000');
  await create.getByRole('button', { name: '펀드 만들기' }).click();
  await expect(create.getByText('반영되었습니다.')).toBeVisible();
  await openFund(op, 'F', 'operations');
  await expectFigure(op, '기준가(NAV)', '₩10,000.00');

  // 1. A subscribes 1,000,000 → 100 units at NAV 10,000, cost 1,000,000.
  await openFund(a, 'F', 'market');
  await submitNumber(a, '청약', '청약 금액', '1000000', '청약');
  await expect(a.getByRole('article', { name: '청약 ₩1,000,000' })).toContainText('좌수 100 · 납입액 ₩1,000,000');

  // 2. F acquires SONG-1 for 1,000,000: fund cash 0.
  const acquire = op.getByRole('region', { name: '저작권 매입' });
  await acquire.getByLabel('저작권 코드').fill('SONG-1');
  await acquire.getByLabel('등록 번호').fill('REG-0001');
  await acquire.getByLabel('음원 ID').fill('MUSIC-0001');
  await acquire.getByLabel('매입가').fill('1000000');
  await acquire.getByRole('button', { name: '저작권 매입' }).click();
  await expect(acquire.getByText('반영되었습니다.')).toBeVisible();
  await expectFigure(op, '펀드 현금', '₩0');

  // 3. MCPI 110.00 → property 1,100,000, NAV 11,000.
  await menu(op, 'MCPI 지수');
  await expectFigure(op, '현재 지수', '100.00');
  const publish = op.getByRole('region', { name: '지수 발표' });
  await publish.getByLabel('지수 값').fill('110');
  await publish.getByRole('button', { name: '지수 발표' }).click();
  await expect(publish.getByText('반영되었습니다.')).toBeVisible();
  await expectFigure(op, '현재 지수', '110.00');
  await openFund(op, 'F', 'operations');
  await expectFigure(op, '기준가(NAV)', '₩11,000.00');
  await expect(op.getByRole('row', { name: /SONG-1/ })).toContainText('₩1,100,000');

  // 4. B subscribes 550,000 → 50 units; C subscribes 330,000 → 30 units.
  await openFund(b, 'F', 'market');
  await submitNumber(b, '청약', '청약 금액', '550000', '청약');
  await expect(b.getByRole('article', { name: '청약 ₩550,000' })).toContainText('좌수 50');
  await openFund(c, 'F', 'market');
  await submitNumber(c, '청약', '청약 금액', '330000', '청약');
  await expect(c.getByRole('article', { name: '청약 ₩330,000' })).toContainText('좌수 30');
  await expectFigure(op, '펀드 현금', '₩880,000');
  await expectFigure(op, '발행 좌수', '180');
  await expectFigure(op, '순자산', '₩1,980,000');
  // An instant after step 4 for the "as of" picker (a royalty paid out in full changes none of these figures).
  await op.waitForTimeout(1100);
  const afterStep4 = new Date(Math.floor(Date.now() / 1000) * 1000);
  await op.waitForTimeout(1100);

  // 5. Royalty 18,000 → A 10,000, B 5,000, C 3,000.
  const royalty = op.getByRole('region', { name: '저작권료 지급' });
  await royalty.getByLabel('저작권료').fill('18000');
  await royalty.getByRole('button', { name: '저작권료 지급' }).click();
  await expect(royalty.getByRole('status')).toBeVisible();
  for (const [page, royalties, available] of [
    [a, '₩10,000', '₩10,000'],
    [b, '₩5,000', '₩55,000'],
    [c, '₩3,000', '₩173,000'],
  ] as const) {
    await menu(page, '내 자산');
    await expectFigure(page.getByRole('region', { name: 'F' }), '받은 저작권료', royalties);
    await expectFigure(page, '출금 가능 금액', available);
  }

  // 6. Band 7,700–14,300. B sells 20 @ 12,000; C bids 12,100 (no fill), cancels, bids 12,000 (trade 10 @ 12,000).
  await openFund(b, 'F', 'market');
  await expect(b.getByText('가격 제한폭 ₩7,700 – ₩14,300')).toBeVisible();
  await placeOrder(b, '매도', '12000', '20');
  await expect(b.getByRole('article', { name: '주문 매도 ₩12,000 × 20' })).toContainText('미체결');
  await openFund(c, 'F', 'market');
  await placeOrder(c, '매수', '12100', '10');
  const bid12100 = c.getByRole('article', { name: '주문 매수 ₩12,100 × 10' });
  await expect(bid12100).toContainText('미체결');
  await expect(c.getByRole('table', { name: '매수 호가' }).getByRole('row', { name: /₩12,100/ })).toBeVisible();
  await expect(c.getByRole('table', { name: '매도 호가' }).getByRole('row', { name: /₩12,000/ })).toBeVisible();
  await menu(c, '내 자산');
  await expectFigure(c, '출금 가능 금액', '₩52,000');
  await expectFigure(c, '대기금', '₩121,000');
  await screenshots(c, 'portfolio-pending');
  await openFund(c, 'F', 'market');
  await bid12100.getByRole('button', { name: '주문 취소' }).click();
  await expect(bid12100).toContainText('취소됨');
  await placeOrder(c, '매수', '12000', '10');
  await expect(c.getByRole('article', { name: '주문 매수 ₩12,000 × 10' })).toContainText('체결 완료');
  await screenshots(c, 'fund-orderbook');

  // Refused at once, each with its rule in words.
  await expectRefusal(await placeOrder(c, '매수', '12050', '1'), 'INVALID_TICK', '호가 단위가 맞지 않습니다');
  await expectRefusal(await placeOrder(c, '매수', '14400', '1'), 'PRICE_OUT_OF_BAND', '가격 제한폭을 벗어났습니다');
  await expectRefusal(await placeOrder(b, '매도', '12000', '31'), 'INSUFFICIENT_UNITS', '보유 좌수가 부족합니다');
  await expectAccessible(b, 'fund page with a refusal');

  // Now: available A 10,000, B 175,000, C 53,000; units A 100, B 40 (10 locked), C 40; trading value 120,000 each.
  const now: [Page, string, string, string, string, string][] = [
    [a, '₩10,000', '100', '0', '₩0', '11.00%'],
    [b, '₩175,000', '40', '10', '₩120,000', '2.73%'],
    [c, '₩53,000', '40', '0', '₩120,000', '-1.56%'],
  ];
  for (const [page, available, units, locked, tradingValue, returnRate] of now) {
    await menu(page, '내 자산');
    const fund = page.getByRole('region', { name: 'F' });
    await expectFigure(page, '출금 가능 금액', available);
    await expectFigure(page, '오늘 거래대금', tradingValue);
    await expectFigure(fund, '좌수', units);
    await expectFigure(fund, '매도 주문 묶임', locked);
    await expectFigure(fund, '수익률(NAV)', returnRate);
  }
  await expectFigure(a.getByRole('region', { name: 'F' }), '평가액', '₩1,200,000');
  await expectFigure(op, '오늘 거래대금', '₩120,000');
  await expectFigure(op, '현재가', '₩12,000');

  // 7. MCPI 92.00 → markets halted; a new order gets MARKET_HALTED. Property 920,000, net assets 1,800,000, NAV 10,000.
  await menu(op, 'MCPI 지수');
  await publish.getByLabel('지수 값').fill('92');
  await publish.getByRole('button', { name: '지수 발표' }).click();
  await expect(publish.getByText('반영되었습니다.')).toBeVisible();
  await expectFigure(op, '현재 지수', '92.00');
  await expect(op.getByRole('status').filter({ hasText: '거래 정지' })).toBeVisible();
  await screenshots(op, 'mcpi-halted');
  await openFund(c, 'F', 'market');
  await expectRefusal(await placeOrder(c, '매수', '10000', '1'), 'MARKET_HALTED', '서킷브레이커');
  await openFund(op, 'F', 'operations');
  await expect(op.getByRole('row', { name: /SONG-1/ })).toContainText('₩920,000');
  await expectFigure(op, '순자산', '₩1,800,000');
  await expectFigure(op, '기준가(NAV)', '₩10,000.00');

  // 8. A redeems 50 units → proceeds 500,000; fund cash 380,000, units 130, NAV 10,000; A available 510,000.
  await openFund(a, 'F', 'market');
  await submitNumber(a, '환매', '환매 좌수', '50', '환매');
  await expect(a.getByRole('article', { name: '환매 50' })).toContainText('환매 대금 ₩500,000');
  await expectFigure(op, '펀드 현금', '₩380,000');
  await expectFigure(op, '발행 좌수', '130');
  await expectFigure(op, '기준가(NAV)', '₩10,000.00');
  await menu(a, '내 자산');
  await expectFigure(a, '출금 가능 금액', '₩510,000');
  await expectFigure(a.getByRole('region', { name: 'F' }), '수익률(NAV)', '1.00%');
  await expectFigure(a.getByRole('region', { name: 'F' }), '수익률(시장가)', '11.00%');
  await screenshots(a, 'portfolio-after-redemption');

  // The fund as of the instant after step 4, rebuilt from the log.
  await op.getByLabel('조회 시각 (KST)').fill(toKstInput(afterStep4));
  await op.getByRole('button', { name: '이 시각 기준 보기' }).click();
  const asOf = op.getByRole('region', { name: /이벤트 로그로 재구성/ });
  await expectFigure(asOf, '순자산', '₩1,980,000');
  await expectFigure(asOf, '발행 좌수', '180');
  await expectFigure(asOf, '기준가(NAV)', '₩11,000.00');
  await expectFigure(asOf, '펀드 현금', '₩880,000');
  await expect(op.getByRole('figure', { name: 'NAV 및 순자산 추이' })).toBeVisible();
  await expectAccessible(op, 'operator fund with chart');
  await screenshots(op, 'operator-fund-nav');

  // The operator's other screens: every investor, the reconciliation, the read side, an audit trail.
  await menu(op, '투자자');
  await expect(op.getByRole('row', { name: /alice/ })).toContainText('₩510,000');
  await expectAccessible(op, 'investors');
  await menu(op, '대사(R24)');
  await expect(op.getByRole('status').filter({ hasText: '일치합니다' })).toBeVisible();
  await expectFigure(op, '입금 합계', '₩2,100,000');
  await expectFigure(op, '저작권 매입', '₩1,000,000');
  await expectFigure(op, '저작권료 수입', '₩18,000');
  await expectAccessible(op, 'reconciliation');
  await screenshots(op, 'reconciliation');
  await menu(op, '조회 모델');
  await expect(op.getByText('멈춘 스트림이 없습니다.')).toBeVisible();
  await menu(op, '펀드 운용');
  await op.getByRole('link', { name: 'F', exact: true }).click();
  await op.getByRole('link', { name: '감사 기록 보기: fund' }).click();
  await expect(op.getByRole('row').filter({ hasText: 'PropertyAcquired' }).first()).toBeVisible();
  await expectAccessible(op, 'audit');

  // A refresh keeps the session and the screen.
  await a.reload();
  await expectFigure(a, '출금 가능 금액', '₩510,000');
  await expectAccessible(a, 'portfolio');

  console.log(`SPEC 3 walk: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
