// node-sendsms.js sends one SMS through Tencent's Node.js SDK to a fake server.
// Usage: node scripts/node-sendsms.js HOST:PORT [SecretId SecretKey]
// (with tencentcloud-sdk-nodejs-sms installed; scripts/node-sdk-check.sh does it all)
const tencentcloud = require("tencentcloud-sdk-nodejs-sms");

const [endpoint, secretId = "AKIDEXAMPLE", secretKey = "SECRETKEYEXAMPLE"] = process.argv.slice(2);
if (!endpoint) {
  console.error("usage: node node-sendsms.js HOST:PORT [SecretId SecretKey]");
  process.exit(2);
}
const client = new tencentcloud.sms.v20210111.Client({
  credential: { secretId, secretKey },
  region: "ap-guangzhou",
  profile: { httpProfile: { endpoint, protocol: "http://" } },
});
client
  .SendSms({
    SmsSdkAppId: "1400006666",
    SignName: "Notifier",
    TemplateId: "100001",
    TemplateParamSet: ["2468"],
    PhoneNumberSet: ["+8613800000042"],
  })
  .then((resp) => {
    const st = resp.SendStatusSet[0];
    console.log(`SendSms via ${endpoint}: ${st.Code} ${st.SerialNo} RequestId ${resp.RequestId}`);
    process.exit(st.Code === "Ok" ? 0 : 1);
  })
  .catch((err) => {
    console.error(`SendSms via ${endpoint} failed: ${err.code || ""} ${err.message}`);
    process.exit(1);
  });
