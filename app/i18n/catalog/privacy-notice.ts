// The privacy notice (/privacy), zh-CN and English. Every statement is checked against the code it
// describes (docs/decisions/022-personal-data.md); the numbers come from app/domain/privacy/policy.ts.
// Kept apart from the privacy catalog so that pages with a consent line do not ship the notice.
import { defineCatalog } from "../catalog";

const noticeZh = {
  "notice.title": "隐私声明",
  "notice.updated": "本声明说明云展洽如何处理您的个人信息，依据《中华人民共和国个人信息保护法》。",
  "notice.who.title": "谁处理您的信息",
  "notice.who.body":
    "云展洽由举办展会的商务局（主办方）运营。主办方决定处理个人信息的目的和方式；平台管理员代其维护系统。如有问题或投诉，请联系展会主办方。",

  "notice.collect.title": "我们收集什么",
  "notice.collect.account":
    "账户：姓名、电子邮箱、所选语言和时区。密码只以 argon2id 哈希保存；登录凭据（会话）和日历订阅链接只保存其哈希。",
  "notice.collect.org":
    "机构：展商和投资方注册时创建或加入的机构的名称、简介、行业、地区、网址、标志，以及联系人、电子邮箱和电话（可能就是您本人）。",
  "notice.collect.prefs":
    "资料与偏好：投资方机构的投资偏好（行业、阶段、金额、地区、投资理念、洽谈容量），“不感兴趣”标记，以及您标记的可洽谈时段。",
  "notice.collect.boothContacts":
    "展位联系人：展商在展位上列出的团队联系人（姓名、职务、电子邮箱、电话），由展商填写。",
  "notice.collect.activity":
    "使用记录：您收藏的展位；展位访问（每位访客每个展位每天最多计一次，机器人不计）。登录时访问与您的账户关联；未登录时使用随机访客 Cookie；对尚无该 Cookie 的浏览器，使用 IP 地址加浏览器标识的哈希值，其盐值每天更换、{saltDays} 天后删除，不保存 IP 地址本身。",
  "notice.collect.meetings":
    "洽谈：预约请求（时段、留言、项目）、洽谈安排与变更（取消、婉拒的原因）、视频洽谈室的进出时间、各方记录的成果（结果、意向金额、下一步、备注、评分），以及经全体参会人同意后才进行的录制。",
  "notice.collect.chat": "聊天：您与展位之间的在线咨询消息及时间。",
  "notice.collect.notifications": "通知：发给您的洽谈和问卷通知。",
  "notice.collect.surveys": "展后问卷：推荐度、满意度和意见。",
  "notice.collect.consents": "同意记录：您同意了什么、当时显示的完整措辞、时间，以及撤回的时间。",
  "notice.collect.uploads": "上传的文件：标志、横幅、图库图片和 PDF 附件（检查后重新编码保存）。",
  "notice.collect.logs":
    "日志：登录尝试（电子邮箱、网络地址、时间、是否成功）；审计日志（主办方工作人员的操作、费用、成果和洽谈的变更、同意与撤回、谁查看了个人数据）；服务器技术日志。",

  "notice.why.title": "为什么收集",
  "notice.why.run": "让您登录并使用展会：展示展位、安排和召开洽谈、在线咨询、发送通知。",
  "notice.why.match": "推荐：根据机构的投资偏好以及机构成员的访问、收藏和洽谈成果，推荐项目和投资方。",
  "notice.why.leads": "帮助展商跟进：在您同意的范围内，把您列为展商的客户线索（见下文“同意”）。",
  "notice.why.security": "安全：限制登录尝试，记录操作以便追责。",
  "notice.why.stats": "展会统计：主办方查看访问、收藏、洽谈和成果的数量与金额；问卷意见不显示作者。",

  "notice.keep.title": "保存多久",
  "notice.keep.sessions": "登录会话：自登录起 {sessionDays} 天；退出登录时立即删除，过期的会话也会被删除。",
  "notice.keep.login": "登录尝试：{loginDays} 天后删除。",
  "notice.keep.reset": "重置密码链接：{resetHours} 小时内有效，使用或过期后 {resetKeptDays} 天内删除。",
  "notice.keep.visits": "访问盐值与 IP 哈希：{saltDays} 天后删除；访问记录本身（不含 IP）作为展会统计保留。",
  "notice.keep.account":
    "账户、机构、洽谈、成果、聊天、通知、问卷和同意记录：在您的账户存续期间保存；删除账户后按下文处理。",
  "notice.keep.deletion": "删除账户：提交后有 {graceDays} 天宽限期（期间登录可取消），期满后删除或匿名化，不可恢复。",
  "notice.keep.audit":
    "审计日志：不自动删除，因为它记录了谁改动了费用、成果和展会，以及谁查看了个人数据；删除账户时，其中您的姓名、联系方式和您写的文字会被清除。",
  "notice.keep.files": "上传的文件和洽谈录像：随机构的展位或洽谈保存，平台不自动删除。",
  "notice.keep.serverLogs": "服务器技术日志：写入运营方的日志系统，按其日志保存期限保存；平台本身不另行保存。",

  "notice.see.title": "谁能看到",
  "notice.see.public": "所有人：已公开的展位内容、项目和机构简介（不含联系方式）。",
  "notice.see.counterpart":
    "洽谈的对方：您的机构名称、您在洽谈室中显示的姓名、您发出的预约留言和聊天消息、洽谈时间和取消原因。各方记录的洽谈成果对方看不到。",
  "notice.see.exhibitors":
    "展商：在您同意的范围内，其客户线索中显示您的姓名、所属机构以及收藏、咨询、预约和洽谈的时间；只有您向其发出预约或参加了与其的洽谈时，才显示您的电子邮箱和所属机构的电话。",
  "notice.see.boothContacts":
    "展位联系人：展位所属团队、主办方工作人员，以及展商已接受洽谈或主动邀请的投资方可以看到。",
  "notice.see.bureau":
    "主办方工作人员（该展会的主办商务局）：展会报表、带姓名的预约和成果列表、客户线索（含上述联系方式）、洽谈记录、问卷（不含作者）和展位联系人。他们每次查看或导出个人数据都会被记录，主办方可以查阅该记录。",
  "notice.see.admins": "平台管理员：维护系统所需的全部数据，以及主办方工作人员可见的内容。",
  "notice.see.processors":
    "服务提供方：视频洽谈由运营方部署的 LiveKit 提供；展位费由 Stripe 处理，平台只保存支付会话编号和金额。搜索引擎只收录展位和项目，不含个人信息。",
  "notice.see.never": "我们不出售个人信息，也不用于广告。",

  "notice.consents.title": "同意",
  "notice.consents.lead":
    "客户线索：收藏、在线咨询或预约某展位时，页面会说明该展商将在其线索中看到您的姓名、所属机构和时间。",
  "notice.consents.contact":
    "联系方式：向展商发出预约或接受其邀请时，页面会说明该展商将看到您的电子邮箱和所属机构的电话。",
  "notice.consents.recording":
    "录制：每位参会人都需在洽谈室中同意，全部同意后才开始录制。开始前撤回则不录制；录制中撤回则停止录制；已录制的部分仍保留给参会双方，因为这也是对方的洽谈记录。",
  "notice.consents.records":
    "每次同意都会保存当时显示的完整措辞及时间。在启用同意记录之前的预约和洽谈，按当时的规则视为已同意，同样可以撤回。",
  "notice.consents.withdraw":
    "撤回立即生效：展商的线索页面和导出、主办方的线索列表都不再显示您（或不再显示您的联系方式）。已经被查看或导出的内容无法收回。",

  "notice.rights.title": "您的权利及如何行使",
  "notice.rights.access":
    "查阅和复制：在“我的账户”中点击“下载我的数据”，获得包含全部数据（JSON）和您上传文件的 ZIP，每 {exportMinutes} 分钟可下载一次。",
  "notice.rights.correct":
    "更正：在“我的账户”中修改姓名；机构资料、投资偏好和展位联系人分别在机构资料、投资偏好和展位编辑页面修改；更改电子邮箱请联系主办方。",
  "notice.rights.delete":
    "删除：在“我的账户”中点击“删除我的账户”并输入密码。您会立即退出所有设备；{graceDays} 天内再次登录可取消；期满后，您的姓名、电子邮箱、密码和联系方式，以及您写的聊天消息、预约留言、成果备注、问卷意见和您添加的展位联系人都会被删除。展会统计、成果的结果与金额以及对方的洽谈记录保留，对方将看到“前参与者”。您独自所属的机构不是个人，其名称和历史展位保留，但联系人信息和展位联系人被删除。",
  "notice.rights.withdraw": "撤回同意：在“我的账户”的“同意与撤回”中操作。",
  "notice.rights.ask": "其他请求（如解释处理规则、限制处理）：请联系展会主办方。",

  "notice.cookies.title": "Cookie",
  "notice.cookies.body":
    "cf_session：登录状态（{sessionDays} 天）；cf_lang：界面语言；cf_vid：匿名访问计数的随机编号；cf_restore：取消删除账户的一次性链接（{restoreMinutes} 分钟）。我们不使用第三方跟踪或广告 Cookie。",
  "notice.accountLink": "前往我的账户",
} as const;

const noticeEn: Record<keyof typeof noticeZh, string> = {
  "notice.title": "Privacy notice",
  "notice.updated":
    "This notice explains how CloudFair handles your personal information, under the Personal Information Protection Law of the People's Republic of China.",
  "notice.who.title": "Who handles your information",
  "notice.who.body":
    "CloudFair is run by the commerce bureau that organizes the fair (the organizer). The organizer decides why and how personal information is handled; the platform's administrators maintain the system on its behalf. For questions or complaints, contact the fair's organizer.",

  "notice.collect.title": "What we collect",
  "notice.collect.account":
    "Account: your name, email address, chosen language and time zone. Your password is stored only as an argon2id hash; login sessions and the calendar feed link only as hashes of their tokens.",
  "notice.collect.org":
    "Organization: for exhibitors and investors, the organization they create or join — names, description, sector, region, website, logo, and a contact person, email and phone (which may be you).",
  "notice.collect.prefs":
    'Profile and preferences: an investor organization\'s preferences (sectors, stages, ticket size, regions, thesis, meeting capacity), "not interested" marks, and the time slots you mark as free.',
  "notice.collect.boothContacts":
    "Booth contacts: the team contacts an exhibitor lists on its booth (name, title, email, phone), entered by the exhibitor.",
  "notice.collect.activity":
    "Activity: booths you bookmark; booth visits (at most once per visitor, booth and day; bots are not counted). Signed in, a visit is linked to your account; signed out, to a random visitor cookie; for a browser without that cookie, to a hash of its IP address and user agent under a salt that changes daily and is deleted after {saltDays, plural, one {# day} other {# days}}. The IP address itself is not stored.",
  "notice.collect.meetings":
    "Meetings: requests (slots, message, project), bookings and changes (reasons for cancelling or declining), when people joined and left the video room, the outcome each side records (result, intended amount, next step, notes, rating), and recordings, made only once every participant agreed.",
  "notice.collect.chat": "Chat: the messages between you and booths, with their times.",
  "notice.collect.notifications": "Notifications: the meeting and survey notifications sent to you.",
  "notice.collect.surveys": "Post-fair survey: your score, satisfaction and comment.",
  "notice.collect.consents":
    "Consents: what you agreed to, the exact words you were shown, when, and when you withdrew.",
  "notice.collect.uploads":
    "Uploaded files: logos, banners, gallery images and PDF attachments (checked and re-encoded before they are stored).",
  "notice.collect.logs":
    "Logs: login attempts (email, network address, time, success); the audit log (organizer staff actions, changes to fees, outcomes and meetings, consents and withdrawals, and who viewed personal data); technical server logs.",

  "notice.why.title": "Why",
  "notice.why.run": "To let you sign in and use the fair: show booths, arrange and hold meetings, chat, notify you.",
  "notice.why.match":
    "Recommendations: projects and investors are suggested from organizations' preferences and from what their members visited, bookmarked and recorded as outcomes.",
  "notice.why.leads":
    "To help exhibitors follow up: as far as you agreed, you are listed among an exhibitor's leads (see Consents).",
  "notice.why.security":
    "Security: login attempts are limited and actions are logged so that they can be accounted for.",
  "notice.why.stats":
    "Fair statistics: the organizer sees counts and sums of visits, bookmarks, meetings and outcomes; survey comments are shown without their authors.",

  "notice.keep.title": "How long we keep it",
  "notice.keep.sessions":
    "Login sessions: {sessionDays, plural, one {# day} other {# days}} from logging in; deleted at once when you log out, and expired ones are deleted too.",
  "notice.keep.login": "Login attempts: deleted after {loginDays, plural, one {# day} other {# days}}.",
  "notice.keep.reset":
    "Password reset links: valid for {resetHours, plural, one {# hour} other {# hours}}; deleted within {resetKeptDays, plural, one {# day} other {# days}} after being used or expiring.",
  "notice.keep.visits":
    "Visit salts and IP hashes: deleted after {saltDays, plural, one {# day} other {# days}}; the visits themselves (without any IP) stay as fair statistics.",
  "notice.keep.account":
    "Account, organizations, meetings, outcomes, chat, notifications, surveys and consent records: while your account exists; when you delete it, as described below.",
  "notice.keep.deletion":
    "Deleting your account: a grace period of {graceDays, plural, one {# day} other {# days}} (logging in cancels it), then erasure or pseudonymization that cannot be undone.",
  "notice.keep.audit":
    "The audit log: not deleted automatically, because it records who changed fees, outcomes and fairs and who viewed personal data; when you delete your account, your name, contacts and the text you wrote are removed from it.",
  "notice.keep.files":
    "Uploaded files and meeting recordings: kept with the organization's booth or the meeting; the platform does not delete them automatically.",
  "notice.keep.serverLogs":
    "Technical server logs: written to the operator's logging system and kept for its retention period; the platform keeps no copy of its own.",

  "notice.see.title": "Who sees it",
  "notice.see.public": "Everyone: published booths, projects and organization profiles (never their contacts).",
  "notice.see.counterpart":
    "The other side of a meeting: your organization's name, the name shown for you in the video room, the request messages and chat messages you send, the meeting's times and cancellation reasons. The outcome each side records is not shown to the other side.",
  "notice.see.exhibitors":
    "Exhibitors: as far as you agreed, their leads show your name, your organization and when you bookmarked, chatted, asked for or had a meeting; your email and your organization's phone only if you sent them a meeting request or took part in a meeting with them.",
  "notice.see.boothContacts":
    "Booth contacts: the booth's own team, the organizer's staff, and investors the exhibitor has met or invited.",
  "notice.see.bureau":
    "The organizer's staff (the commerce bureau organizing that fair): the fair's reports, lists of requests and outcomes with names, leads (with contacts as above), negotiations, survey answers (without authors) and booth contacts. Every time they view or export personal data it is logged, and the organizer can read that log.",
  "notice.see.admins":
    "Platform administrators: what maintaining the system needs, and what the organizer's staff see.",
  "notice.see.processors":
    "Service providers: video meetings run on LiveKit deployed by the operator; booth fees are processed by Stripe, and the platform stores only payment session ids and amounts. The search engine indexes booths and projects, never personal information.",
  "notice.see.never": "We do not sell personal information or use it for advertising.",

  "notice.consents.title": "Consents",
  "notice.consents.lead":
    "Leads: when you bookmark, chat with or ask a booth for a meeting, the page says that its exhibitor will see your name, your organization and when, among its leads.",
  "notice.consents.contact":
    "Contacts: when you send an exhibitor a meeting request or accept its invitation, the page says that it will see your email address and your organization's phone number.",
  "notice.consents.recording":
    "Recording: every participant agrees in the video room, and recording starts only once all have. Withdrawing before it starts means no recording; during it, it stops; what was already recorded stays available to both sides, because it is the other side's record of the meeting too.",
  "notice.consents.records":
    "Each consent is stored with the exact words shown and the time. Requests and meetings from before consents were recorded count as consent under the rules of the time, and can be withdrawn the same way.",
  "notice.consents.withdraw":
    "Withdrawing takes effect at once: the exhibitor's leads page and export and the organizer's lead lists stop showing you (or your contacts). What was already seen or exported cannot be taken back.",

  "notice.rights.title": "Your rights and how to use them",
  "notice.rights.access":
    'Access and copy: under My account, "Download my data" gives you a ZIP with all your data (JSON) and the files you uploaded, {exportMinutes, plural, one {once a minute} other {once every # minutes}}.',
  "notice.rights.correct":
    "Correction: change your name under My account; the organization profile, investment preferences and booth contacts on their own pages; to change your email, contact the organizer.",
  "notice.rights.delete":
    'Deletion: under My account, "Delete my account" with your password. You are logged out everywhere at once; logging in within {graceDays, plural, one {# day} other {# days}} cancels it; after that your name, email, password and contact details, the chat messages, request messages, outcome notes and survey comments you wrote and the booth contacts you added are erased. Fair statistics, the results and amounts of outcomes and the other side\'s meeting records stay, and the other side sees "former participant". An organization you alone belonged to is not a person: its name and past booths stay, its contact details and booth contacts are erased.',
  "notice.rights.withdraw": "Withdrawing consent: under My account, Consents.",
  "notice.rights.ask": "Anything else (explaining the rules, restricting processing): contact the fair's organizer.",

  "notice.cookies.title": "Cookies",
  "notice.cookies.body":
    "cf_session: your login ({sessionDays, plural, one {# day} other {# days}}); cf_lang: the interface language; cf_vid: a random id for counting anonymous visits; cf_restore: the one-time link that cancels an account deletion ({restoreMinutes, plural, one {# minute} other {# minutes}}). No third-party tracking or advertising cookies.",
  "notice.accountLink": "Go to My account",
};

export const privacyNoticeCatalog = defineCatalog("privacy-notice", noticeZh, noticeEn);
