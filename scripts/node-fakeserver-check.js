// node-fakeserver-check.js drives the fake server with Tencent's official Node.js
// SMS SDK (tencentcloud-sdk-nodejs-sms 4.1.306), the "another language" check of
// the fake server: every action in TC3 and, for the main flows, in v1 HmacSHA1 and
// HmacSHA256, the error codes both SDKs must see, and the Tencent shape of results.
// The endpoint is "127.0.0.1:PORT" with protocol "http://", so Node signs host
// "127.0.0.1" (no port) for service "127" in TC3 and "127.0.0.1:PORT" in v1.
//
// Usage: node scripts/node-fakeserver-check.js HOST:PORT [strict]
//   permissive run: a server started with no flags; strict run: a fresh server
//   started with -strict (it registers its app, sign and templates itself and
//   moves the server clock). scripts/node-fakeserver-check.sh does both.
const tencentcloud = require("tencentcloud-sdk-nodejs-sms");
const http = require("http");

const endpoint = process.argv[2];
const strictMode = process.argv[3] === "strict";
const ID = "AKIDEXAMPLE", KEY = "SECRETKEYEXAMPLE", APP = "1400006666";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let failures = 0, passes = 0;

function client(signMethod, key = KEY) {
  const profile = { httpProfile: { endpoint, protocol: "http://" } };
  if (signMethod) profile.signMethod = signMethod;
  return new tencentcloud.sms.v20210111.Client({ credential: { secretId: ID, secretKey: key }, region: "ap-guangzhou", profile });
}
function check(name, cond, detail) {
  if (cond) { passes++; console.log(`ok   ${name}`); }
  else { failures++; console.log(`FAIL ${name}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`); }
}
async function expectError(name, p, code) {
  try {
    const r = await p;
    check(name, false, { unexpectedSuccess: r });
  } catch (e) {
    check(`${name} -> ${code}`, e.code === code && UUID.test(e.requestId || ""), { code: e.code, requestId: e.requestId, message: e.message, httpCode: e.httpCode });
  }
}
function admin(method, path, body) {
  return new Promise((resolve, reject) => {
    const [host, port] = endpoint.split(":");
    const req = http.request({ host, port, path, method, headers: { "content-type": "application/json" } }, (res) => {
      let data = ""; res.on("data", (c) => (data += c)); res.on("end", () => resolve({ status: res.statusCode, body: data }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}
const isU64 = (v) => Number.isInteger(v) && v >= 0;

async function permissive() {
  for (const sm of [undefined, "HmacSHA1", "HmacSHA256"]) {
    const tag = sm || "TC3";
    const c = client(sm);
    const num = sm === "HmacSHA1" ? "+8613800000001" : sm === "HmacSHA256" ? "+8613800000002" : "+8613800000003";
    const r = await c.SendSms({ SmsSdkAppId: APP, SignName: "腾讯云", TemplateId: "1110", TemplateParamSet: ["1 2&3+<x>"], PhoneNumberSet: [num, "13800000004"], SessionContext: "node " + tag });
    const s = r.SendStatusSet || [];
    check(`${tag} SendSms shape`, UUID.test(r.RequestId) && s.length === 2 && s.every((x) => x.Code === "Ok" && x.Message === "send success" && x.IsoCode === "CN" && isU64(x.Fee) && x.Fee >= 1 && x.SerialNo && x.SessionContext === "node " + tag) && s[1].PhoneNumber === "+8613800000004", r);
    const p = await c.PullSmsSendStatus({ SmsSdkAppId: APP, Limit: 10 });
    const ps = p.PullSmsSendStatusSet || [];
    const mine = ps.find((x) => x.PhoneNumber === num);
    check(`${tag} PullSmsSendStatus`, UUID.test(p.RequestId) && mine && mine.ReportStatus === "SUCCESS" && mine.Description === "DELIVRD" && mine.CountryCode === "86" && mine.SubscriberNumber === num.slice(3) && isU64(mine.UserReceiveTime) && mine.SerialNo === s[0].SerialNo, p);
    const now = new Date(Date.now() + 8 * 3600e3); // Beijing
    const hh = (d) => d.toISOString().slice(0, 13).replace(/[-T]/g, "");
    const st = await c.SendStatusStatistics({ SmsSdkAppId: APP, BeginTime: hh(new Date(now - 3600e3)), EndTime: hh(new Date(+now + 3600e3)), Limit: 0, Offset: 0 });
    const ss = st.SendStatusStatistics || {};
    check(`${tag} SendStatusStatistics`, isU64(ss.FeeCount) && isU64(ss.RequestCount) && isU64(ss.RequestSuccessCount) && ss.RequestSuccessCount >= 2, st);
    const t = await c.AddSmsTemplate({ TemplateName: "node " + tag, TemplateContent: "您的验证码是{1}，{2}分钟内有效", SmsType: 3, International: 0, Remark: "r" });
    const tid = t.AddTemplateStatus && t.AddTemplateStatus.TemplateId;
    check(`${tag} AddSmsTemplate`, typeof tid === "string" && /^\d+$/.test(tid), t);
    const l = await c.DescribeSmsTemplateList({ International: 0, TemplateIdSet: [Number(tid)] });
    const d = (l.DescribeTemplateStatusSet || [])[0] || {};
    check(`${tag} DescribeSmsTemplateList`, d.TemplateId === Number(tid) && d.StatusCode === 0 && d.TemplateContent === "您的验证码是{1}，{2}分钟内有效" && isU64(d.CreateTime) && d.International === 0, l);
    // send with the new template: rendered text and param count
    const r2 = await c.SendSms({ SmsSdkAppId: APP, SignName: "腾讯云", TemplateId: tid, TemplateParamSet: ["1234", "5"], PhoneNumberSet: [num] });
    check(`${tag} SendSms registered template`, r2.SendStatusSet[0].Code === "Ok", r2);
    const r3 = await c.SendSms({ SmsSdkAppId: APP, SignName: "腾讯云", TemplateId: tid, TemplateParamSet: ["1234"], PhoneNumberSet: [num] });
    check(`${tag} SendSms wrong param count per-number`, r3.SendStatusSet[0].Code === "FailedOperation.TemplateParamSetNotMatchApprovedTemplate" && r3.SendStatusSet[0].SerialNo === "" && r3.SendStatusSet[0].Fee === 0, r3);
  }
  const c = client();
  const m = await c.SendMultiGlobalSms({ SmsSdkAppId: APP, MultiSmsInfoSet: [
    { PhoneNumber: "+14155550100", TemplateId: "2001", TemplateParamSet: ["42"], SenderId: "Acme", SessionContext: "a" },
    { PhoneNumber: "+447700900123", TemplateId: "2002", TemplateParamSet: [] },
  ] });
  const ms = m.SendMultiStatusSet || [];
  check("SendMultiGlobalSms", ms.length === 2 && ms.every((x) => x.Code === "Ok" && x.SerialNo) && ms[0].IsoCode === "US" && ms[1].IsoCode === "GB" && ms[0].SessionContext === "a", m);
  await expectError("SendMultiGlobalSms mainland", c.SendMultiGlobalSms({ SmsSdkAppId: APP, MultiSmsInfoSet: [{ PhoneNumber: "+8613800000005", TemplateId: "1" }] }), "UnsupportedOperation.ContainDomesticPhoneNumber");
  const pn = await c.DescribePhoneNumberInfo({ PhoneNumberSet: ["+86018501234444", "13800000000", "+14155550100", "garbage"] });
  const pi = pn.PhoneNumberInfoSet || [];
  check("DescribePhoneNumberInfo", pi.length === 4 && pi[0].PhoneNumber === "+8618501234444" && pi[0].NationCode === "86" && pi[0].IsoCode === "CN" && pi[0].Code === "Ok" && pi[0].Message === "Describe success" && pi[2].IsoCode === "US" && pi[3].PhoneNumber === "garbage" && pi[3].Code !== "Ok", pn);
  // replies
  const inj = await admin("POST", "/_fake/replies", { number: "+8613800000003", text: "TD 退订", sign: "腾讯云", extendCode: "12" });
  check("POST /_fake/replies", inj.status === 201, inj);
  const rp = await c.PullSmsReplyStatus({ SmsSdkAppId: APP, Limit: 10 });
  const rr = (rp.PullSmsReplyStatusSet || [])[0] || {};
  check("PullSmsReplyStatus", rr.PhoneNumber === "+8613800000003" && rr.ReplyContent === "TD 退订" && rr.SignName === "腾讯云" && rr.ExtendCode === "12" && rr.CountryCode === "86" && rr.SubscriberNumber === "13800000003" && isU64(rr.ReplyTime), rp);
  const rp2 = await c.PullSmsReplyStatus({ SmsSdkAppId: APP, Limit: 10 });
  check("PullSmsReplyStatus consumed", (rp2.PullSmsReplyStatusSet || []).length === 0, rp2);
  const rpn = await c.PullSmsReplyStatusByPhoneNumber({ SmsSdkAppId: APP, PhoneNumber: "+8613800000003", BeginTime: Math.floor(Date.now() / 1000) - 600, Offset: 0, Limit: 10 });
  check("PullSmsReplyStatusByPhoneNumber", (rpn.PullSmsReplyStatusSet || []).length === 1, rpn);
  const sr = await c.DescribeSendRecordList({ SmsSdkAppId: APP, PhoneNumber: "+8613800000003", BeginTime: Math.floor(Date.now() / 1000) - 600, Limit: 10, Offset: 0 });
  const rec = sr.SendRecordSet || [];
  check("DescribeSendRecordList", isU64(sr.TotalCount) && sr.TotalCount >= 2 && rec.length >= 2 && rec.every((x) => x.PhoneNumber === "+8613800000003" && x.SerialNo && isU64(x.SendStatus) && isU64(x.SendTime) && typeof x.Content === "string" && x.IsoCode === "CN"), sr);
  console.log("  record sample:", JSON.stringify(rec[0]));
  const ppn = await c.PullSmsSendStatusByPhoneNumber({ SmsSdkAppId: APP, PhoneNumber: "+8613800000003", BeginTime: Math.floor(Date.now() / 1000) - 600, Offset: 0, Limit: 10 });
  check("PullSmsSendStatusByPhoneNumber", (ppn.PullSmsSendStatusSet || []).length >= 2, ppn);
  // the remaining actions, for shape
  const cs = await c.CallbackStatusStatistics({ SmsSdkAppId: APP, BeginTime: "2026010100", EndTime: "2026013100", Limit: 0, Offset: 0 });
  check("CallbackStatusStatistics", cs.CallbackStatusStatistics && isU64(cs.CallbackStatusStatistics.CallbackCount), cs);
  const sp = await c.SmsPackagesStatistics({ SmsSdkAppId: APP, BeginTime: "2026010100", EndTime: "2026020100", Limit: 10, Offset: 0 });
  check("SmsPackagesStatistics", Array.isArray(sp.SmsPackagesStatisticsSet), sp);
  const as = await c.AddSmsSign({ SignName: "NodeSign", SignType: 0, DocumentType: 0, International: 0, SignPurpose: 0, ProofImage: "aGVsbG8=" });
  check("AddSmsSign", as.AddSignStatus && isU64(as.AddSignStatus.SignId), as);
  const ds = await c.DescribeSmsSignList({ International: 0, SignIdSet: [as.AddSignStatus.SignId] });
  check("DescribeSmsSignList", (ds.DescribeSignListStatusSet || [])[0] && ds.DescribeSignListStatusSet[0].SignName === "NodeSign", ds);
  const signId = as.AddSignStatus.SignId;
  await expectError("ModifySmsSign approved", c.ModifySmsSign({ SignId: signId, SignName: "NodeSign2", SignType: 0, DocumentType: 0, International: 0, SignPurpose: 0, ProofImage: "aGVsbG8=" }), "InvalidParameterValue.SignAlreadyPassedCheck");
  const tpl = await c.AddSmsTemplate({ TemplateName: "to delete", TemplateContent: "bye {1}", SmsType: 2, International: 0, Remark: "r" });
  const tplId = Number(tpl.AddTemplateStatus.TemplateId);
  await expectError("ModifySmsTemplate approved", c.ModifySmsTemplate({ TemplateId: tplId, TemplateName: "x", TemplateContent: "bye {1}", SmsType: 2, International: 0, Remark: "r" }), "FailedOperation.TemplateAlreadyPassedCheck");
  const dt = await c.DeleteSmsTemplate({ TemplateId: tplId });
  check("DeleteSmsTemplate", dt.DeleteTemplateStatus && typeof dt.DeleteTemplateStatus.DeleteStatus === "string" && isU64(dt.DeleteTemplateStatus.DeleteTime), dt);
  await expectError("DeleteSmsTemplate again", c.DeleteSmsTemplate({ TemplateId: tplId }), "FailedOperation.TemplateIdNotExist");
  const dl = await c.DeleteSmsSign({ SignId: signId });
  check("DeleteSmsSign", dl.DeleteSignStatus && typeof dl.DeleteSignStatus.DeleteStatus === "string" && isU64(dl.DeleteSignStatus.DeleteTime), dl);
  const rc = await c.ReportConversion({ SmsSdkAppId: APP, SerialNo: ms[0].SerialNo, ConversionTime: Math.floor(Date.now() / 1000) });
  check("ReportConversion", rc.ReportConversionStatus && rc.ReportConversionStatus.Code === "OK", rc);
  // errors
  for (const sm of [undefined, "HmacSHA1", "HmacSHA256"]) {
    const tag = sm || "TC3";
    await expectError(`${tag} wrong key`, client(sm, "WRONGKEY").SendSms({ SmsSdkAppId: APP, TemplateId: "1", PhoneNumberSet: ["+8613800000001"] }), "AuthFailure.SignatureFailure");
    await expectError(`${tag} 201 numbers`, client(sm).SendSms({ SmsSdkAppId: APP, TemplateId: "1", PhoneNumberSet: Array.from({ length: 201 }, (_, i) => "+86138000" + String(10000 + i).slice(1)) }), "LimitExceeded.PhoneNumberCountLimit");
  }
  await expectError("unknown SecretId", new tencentcloud.sms.v20210111.Client({ credential: { secretId: "AKIDNOPE", secretKey: KEY }, region: "", profile: { httpProfile: { endpoint, protocol: "http://" } } }).SendSms({ SmsSdkAppId: APP, TemplateId: "1", PhoneNumberSet: ["+8613800000001"] }), "AuthFailure.SecretIdNotFound");
  await expectError("empty set", c.SendSms({ SmsSdkAppId: APP, TemplateId: "1", PhoneNumberSet: [] }), "MissingParameter.EmptyPhoneNumberSet");
  await expectError("mixed", c.SendSms({ SmsSdkAppId: APP, TemplateId: "1", PhoneNumberSet: ["+8613800000001", "+14155550100"] }), "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber");
  await expectError("bad type", c.request("SendSms", { SmsSdkAppId: 5, TemplateId: "1", PhoneNumberSet: ["+8613800000001"] }), "InvalidParameter");
  await expectError("no such action", c.request("SendSmsX", {}), "InvalidAction");
}

async function strict() {
  const c = client();
  // template registered but held
  let r = await admin("POST", "/_fake/apps", { id: APP, name: "demo" });
  check("register app", r.status < 300, r);
  r = await admin("POST", "/_fake/signs", { name: "Notifier", international: false, status: 0 });
  check("register sign", r.status < 300, r);
  r = await admin("POST", "/_fake/templates", { id: "555", content: "code {1}", international: false, status: 1 });
  check("register held template", r.status < 300, r);
  r = await admin("POST", "/_fake/templates", { id: "556", content: "code {1}", international: false, status: 0 });
  const send = (tid) => c.SendSms({ SmsSdkAppId: APP, SignName: "Notifier", TemplateId: tid, TemplateParamSet: ["1"], PhoneNumberSet: ["+8613800000001"] });
  const sum = (resp) => resp.SendStatusSet.map((x) => x.Code).join(",");
  for (const [tid, want] of [["555", "FailedOperation.TemplateIncorrectOrUnapproved"], ["999", "FailedOperation.TemplateIncorrectOrUnapproved"], ["556", "Ok"]]) {
    try {
      const resp = await send(tid);
      check(`strict template ${tid} -> ${want}`, sum(resp) === want, { perNumber: sum(resp), resp });
    } catch (e) {
      check(`strict template ${tid} -> ${want}`, e.code === want && UUID.test(e.requestId || ""), { topLevel: e.code, message: e.message });
    }
  }
  await expectError("strict unknown app", c.SendSms({ SmsSdkAppId: "1400000000", SignName: "Notifier", TemplateId: "556", TemplateParamSet: ["1"], PhoneNumberSet: ["+8613800000001"] }), "InvalidParameterValue.SdkAppIdNotExist");
  try {
    const resp = await c.SendSms({ SmsSdkAppId: APP, SignName: "Nope", TemplateId: "556", TemplateParamSet: ["1"], PhoneNumberSet: ["+8613800000001"] });
    console.log("  strict unknown sign per-number:", sum(resp));
  } catch (e) { console.log("  strict unknown sign top-level:", e.code); }
  // stale timestamp: move the server clock 10 minutes ahead
  r = await admin("POST", "/_fake/clock", { advance: "10m" });
  check("POST /_fake/clock", r.status === 200, r);
  for (const sm of [undefined, "HmacSHA1", "HmacSHA256"]) {
    await expectError(`${sm || "TC3"} stale timestamp`, client(sm).SendSms({ SmsSdkAppId: APP, SignName: "Notifier", TemplateId: "556", TemplateParamSet: ["1"], PhoneNumberSet: ["+8613800000001"] }), "AuthFailure.SignatureExpire");
  }
}

(strictMode ? strict() : permissive())
  .then(() => { console.log(`${passes} passed, ${failures} failed`); process.exit(failures ? 1 : 0); })
  .catch((e) => { console.error("CRASH", e.code, e.requestId, e.message, e.stack); process.exit(2); });
