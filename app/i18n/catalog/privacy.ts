// Personal data (zh-CN and English): consent wordings, the account page (download, delete,
// consents), cancelling a deletion, and the bureau's log of personal-data views (ADR 022).
// The consent texts are versioned in app/domain/privacy/policy.ts: changing one means a new key.
import { defineCatalog } from "../catalog";

const privacyZh = {
  "consent.text.leadSharing":
    "收藏、在线咨询或预约本展位后，{org}可在其客户线索中看到您的姓名、所属机构以及您收藏、咨询或预约的时间。您可随时在“我的账户”中撤回。",
  "consent.text.contactSharing":
    "发送预约即表示您同意{org}在其客户线索中看到您的姓名、所属机构、电子邮箱和所属机构的联系电话，以便与您联系。您可随时在“我的账户”中撤回。",
  "consent.text.contactSharingAccept":
    "接受邀请即表示您同意{org}在其客户线索中看到您的姓名、所属机构、电子邮箱和所属机构的联系电话，以便与您联系。您可随时在“我的账户”中撤回。",
  "consent.text.recording":
    "同意录制即表示您同意录制本次与{org}的洽谈（声音、画面和共享的屏幕），录像供本次洽谈的参会人查看。所有参会人都同意后才开始录制；开始前撤回则不会录制，录制中撤回则立即停止，已录制的部分仍保留给参会双方。",
  "consent.text.implied": "（此前未单独记录：依当时的隐私声明，由您收藏、咨询、预约或参加与{org}的洽谈推定的同意。）",
  "consent.more": "了解更多",
  "signup.notice": "我们如何收集、使用和保存您的个人信息，以及您的权利，见",
  "consent.withdrawRecording": "撤回录制同意",

  "account.title": "我的账户",
  "account.profile": "个人信息",
  "account.email": "电子邮箱（登录名）",
  "account.emailHint": "如需更改电子邮箱，请联系展会主办方。",
  "account.name": "姓名",
  "account.nameSave": "保存姓名",
  "account.since": "注册于 {date}",
  "account.orgs": "所属机构",
  "account.noOrgs": "您不属于任何机构（访客账户）。",
  "account.editOrg": "编辑机构资料",
  "account.editInvestor": "编辑投资偏好",
  "account.noticeLink": "隐私声明：我们收集什么、为何收集、保存多久、谁能看到",
  "account.saved.name": "姓名已保存。",
  "account.saved.withdraw": "已撤回同意，立即生效。",
  "account.restored": "已取消删除，欢迎回来。",

  "export.title": "下载我的数据",
  "export.intro":
    "获取云展洽保存的关于您的全部数据：账户、所属机构、收藏与访问、洽谈与成果、聊天、通知、问卷、同意记录、审计记录，以及您上传的文件，打包为 ZIP（JSON 格式）。对方仅以机构名称出现。",
  "export.limit": "每 {minutes} 分钟可下载一次。",
  "export.submit": "下载 ZIP",
  "privacy.export.error.tooSoon": "刚刚已下载过，请 {minutes} 分钟后再试。",
  "privacy.export.error.unavailable": "文件存储暂时不可用，导出没有开始，也不计入次数。请稍后重试。",

  "consents.title": "同意与撤回",
  "consents.intro": "以下展商可在其客户线索中看到您。撤回后立即生效：其线索页面和导出、主办方的线索列表都不再显示。",
  "consents.noLeads": "目前没有展商将您列为客户线索。",
  "consents.listed": "姓名与所属机构",
  "consents.contacts": "电子邮箱与电话",
  "consents.state.shared": "已共享",
  "consents.state.withdrawn": "已撤回",
  "consents.state.none": "未共享",
  "consents.since": "自 {date}",
  "consents.withdraw": "撤回",
  "consents.recordings": "洽谈录制",
  "consents.recordingsIntro": "录制开始前撤回则不会录制；录制中撤回则停止录制；已录制的部分保留给参会双方。",
  "consents.noRecordings": "您没有同意过任何录制。",
  "consents.history": "全部同意记录（{count, plural, other {# 条}}）",
  "consents.kind.LEAD_SHARING": "客户线索",
  "consents.kind.CONTACT_SHARING": "联系方式",
  "consents.kind.RECORDING": "录制",
  "consents.given": "同意于 {date}",
  "consents.withdrawnAt": "撤回于 {date}",
  "consents.version": "措辞版本 {version}",

  "delete.title": "删除我的账户",
  "delete.intro": "提交后您将立即退出所有设备。{days} 天内再次登录可取消删除；期满后账户将被永久删除，无法恢复。",
  "delete.what":
    "届时您的姓名、电子邮箱、密码、联系方式、您写的聊天消息、预约留言、成果备注和问卷意见都会被删除；展会统计、洽谈成果的结果与金额以及对方的洽谈记录会保留，对方将看到“前参与者”。您独自所属的机构会保留名称和历史展位，但删除其联系人信息。",
  "delete.password": "当前密码",
  "delete.confirm": "我了解期满后无法恢复",
  "delete.submit": "删除我的账户",
  "privacy.delete.error.password": "密码不正确。",
  "privacy.delete.error.confirm": "请勾选确认。",
  "privacy.delete.error.lastAdmin": "您是最后一位平台管理员，请先指定另一位管理员。",

  "deleted.title": "账户将被删除",
  "deleted.body": "您已退出登录。账户将于 {date} 永久删除。在此之前再次登录即可取消删除。",
  "deleted.bodyNoDate": "您已退出登录。宽限期内再次登录即可取消删除。",

  "restore.title": "您的账户正在等待删除",
  "restore.body": "您的账户计划于 {date} 永久删除。取消删除即可继续使用；否则无需任何操作。",
  "restore.cancel": "取消删除并继续使用",
  "restore.keep": "保持删除，退出",
  "privacy.restore.expired": "该链接已失效，请重新登录。",

  "privacyLog.title": "个人数据访问记录 · {fair}",
  "privacyLog.intro":
    "谁在何时查看或导出了个人数据（线索、联系人、带姓名的列表、洽谈记录）以及涉及多少条，不含数据本身。",
  "privacyLog.link": "个人数据访问记录",
  "privacyLog.empty": "暂无记录。",
  "privacyLog.total": "{count, plural, other {共 # 条记录}}",
  "privacyLog.col.when": "时间",
  "privacyLog.col.viewer": "查看人",
  "privacyLog.col.what": "内容",
  "privacyLog.col.rows": "条数",
  "privacyLog.col.contacts": "含联系方式",
  "privacyLog.rows": "{count, plural, other {# 行}}",
  "privacyLog.what.leads.page": "展商线索页面",
  "privacyLog.what.leads.export": "展商线索导出",
  "privacyLog.what.report.list": "展会报表列表",
  "privacyLog.what.report.export": "展会报表导出",
  "privacyLog.what.booth.contacts": "展位联系人",
  "privacyLog.what.negotiations": "洽谈记录",
  "privacyLog.what.unknown": "其他",
  "privacyLog.caption": "个人数据访问记录，第 {page}/{pages} 页",
} as const;

const privacyEn: Record<keyof typeof privacyZh, string> = {
  "consent.text.leadSharing":
    "When you bookmark this booth, chat with it or ask it for a meeting, {org} sees your name, your organization and when you did so among its leads. You can withdraw this at any time under My account.",
  "consent.text.contactSharing":
    "By sending this request you agree that {org} sees your name, your organization, your email address and your organization's phone number among its leads, to contact you. You can withdraw this at any time under My account.",
  "consent.text.contactSharingAccept":
    "By accepting you agree that {org} sees your name, your organization, your email address and your organization's phone number among its leads, to contact you. You can withdraw this at any time under My account.",
  "consent.text.recording":
    "By agreeing you consent to this meeting with {org} being recorded (sound, video and shared screens); the recording is available to the meeting's participants. Recording starts only once every participant agreed; withdrawing before that means no recording, withdrawing during it stops it, and what was already recorded stays available to both sides.",
  "consent.text.implied":
    "(Not recorded separately before: consent implied, under the privacy notice of the time, by bookmarking, chatting with, asking for or taking part in a meeting with {org}.)",
  "consent.more": "Learn more",
  "signup.notice": "How we collect, use and keep your personal information, and your rights:",
  "consent.withdrawRecording": "Withdraw recording consent",

  "account.title": "My account",
  "account.profile": "Your details",
  "account.email": "Email (your login)",
  "account.emailHint": "To change your email address, contact the fair's organizer.",
  "account.name": "Name",
  "account.nameSave": "Save name",
  "account.since": "Signed up on {date}",
  "account.orgs": "Organizations",
  "account.noOrgs": "You belong to no organization (a visitor account).",
  "account.editOrg": "Edit organization profile",
  "account.editInvestor": "Edit investment preferences",
  "account.noticeLink": "Privacy notice: what we collect, why, for how long and who sees it",
  "account.saved.name": "Name saved.",
  "account.saved.withdraw": "Consent withdrawn; it takes effect at once.",
  "account.restored": "Deletion cancelled. Welcome back.",

  "export.title": "Download my data",
  "export.intro":
    "Get everything CloudFair keeps about you — account, organizations, bookmarks and visits, meetings and outcomes, chat, notifications, surveys, consents, audit entries — and the files you uploaded, as a ZIP of JSON files. Other people appear by their organization's name only.",
  "export.limit": "{minutes, plural, one {Once a minute.} other {Once every # minutes.}}",
  "export.submit": "Download ZIP",
  "privacy.export.error.unavailable":
    "File storage is temporarily unavailable: the export did not start and does not count. Please try again shortly.",
  "privacy.export.error.tooSoon":
    "You have just downloaded your data. Try again in {minutes, plural, one {# minute} other {# minutes}}.",

  "consents.title": "Consents",
  "consents.intro":
    "These exhibitors see you among their leads. Withdrawing takes effect at once: their leads page and export and the organizer's lead lists stop showing you.",
  "consents.noLeads": "No exhibitor has you among its leads.",
  "consents.listed": "Name and organization",
  "consents.contacts": "Email and phone",
  "consents.state.shared": "Shared",
  "consents.state.withdrawn": "Withdrawn",
  "consents.state.none": "Not shared",
  "consents.since": "since {date}",
  "consents.withdraw": "Withdraw",
  "consents.recordings": "Meeting recordings",
  "consents.recordingsIntro":
    "Withdrawing before a recording starts means no recording; during one, it stops; what was already recorded stays available to both sides.",
  "consents.noRecordings": "You have not agreed to any recording.",
  "consents.history": "All consent records ({count, plural, one {# record} other {# records}})",
  "consents.kind.LEAD_SHARING": "Leads",
  "consents.kind.CONTACT_SHARING": "Contacts",
  "consents.kind.RECORDING": "Recording",
  "consents.given": "given on {date}",
  "consents.withdrawnAt": "withdrawn on {date}",
  "consents.version": "wording version {version}",

  "delete.title": "Delete my account",
  "delete.intro":
    "You will be logged out everywhere at once. Logging in within {days, plural, one {# day} other {# days}} cancels the deletion; after that the account is erased for good.",
  "delete.what":
    'Your name, email, password, contact details, the chat messages, request messages, outcome notes and survey comments you wrote are erased; fair statistics, the results and amounts of meeting outcomes and the other side\'s meeting records stay, and the other side sees "former participant". An organization you alone belonged to keeps its name and past booths but loses its contact details.',
  "delete.password": "Current password",
  "delete.confirm": "I understand this cannot be undone after the grace period",
  "delete.submit": "Delete my account",
  "privacy.delete.error.password": "The password is not correct.",
  "privacy.delete.error.confirm": "Please tick the box to confirm.",
  "privacy.delete.error.lastAdmin":
    "You are the last platform administrator. Make someone else an administrator first.",

  "deleted.title": "Your account will be deleted",
  "deleted.body": "You are logged out. The account will be erased for good on {date}. Log in before then to cancel.",
  "deleted.bodyNoDate": "You are logged out. Log in within the grace period to cancel the deletion.",

  "restore.title": "Your account is waiting to be deleted",
  "restore.body":
    "Your account will be erased for good on {date}. Cancel the deletion to keep using it; otherwise there is nothing to do.",
  "restore.cancel": "Cancel the deletion and continue",
  "restore.keep": "Keep the deletion and leave",
  "privacy.restore.expired": "This link has expired. Please log in again.",

  "privacyLog.title": "Personal data access log · {fair}",
  "privacyLog.intro":
    "Who viewed or exported personal data (leads, contacts, lists with names, negotiations), when, and how many rows — never the data itself.",
  "privacyLog.link": "Personal data access log",
  "privacyLog.empty": "Nothing logged yet.",
  "privacyLog.total": "{count, plural, one {# entry} other {# entries}}",
  "privacyLog.col.when": "When",
  "privacyLog.col.viewer": "Viewer",
  "privacyLog.col.what": "What",
  "privacyLog.col.rows": "Rows",
  "privacyLog.col.contacts": "With contacts",
  "privacyLog.rows": "{count, plural, one {# row} other {# rows}}",
  "privacyLog.what.leads.page": "Exhibitor leads page",
  "privacyLog.what.leads.export": "Exhibitor leads export",
  "privacyLog.what.report.list": "Fair report list",
  "privacyLog.what.report.export": "Fair report export",
  "privacyLog.what.booth.contacts": "Booth contacts",
  "privacyLog.what.negotiations": "Negotiations",
  "privacyLog.what.unknown": "Other",
  "privacyLog.caption": "Personal data access log, page {page} of {pages}",
};

export const privacyCatalog = defineCatalog("privacy", privacyZh, privacyEn);
