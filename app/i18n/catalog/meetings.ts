// Meeting requests, agenda and calendar (zh-CN and English).
import { defineCatalog } from "../catalog";

const meetingsZh = {
  "meetings.error.badCounterpart": "只能在投资人与展商之间预约洽谈。",
  "meetings.error.badSlot": "请选择展会洽谈时段中尚未开始的时段。",
  "meetings.error.pickSlot": "请至少选择一个时段。",
  "meetings.error.tooManySlots": "最多提议 3 个时段。",
  "meetings.error.tooManyPending": "您在本届展会的待回复邀请已达 {max} 个，请等待对方回复或撤回部分邀请。",
  "meetings.error.notPending": "该邀请已处理，无法再操作。",
  "meetings.error.slotTaken": "该时段刚刚被占用，请选择其他时段。",
  "meetings.error.noPublicBooth": "您的展位公开后才能邀请投资人洽谈。",
} as const;

const meetingsEn: Record<keyof typeof meetingsZh, string> = {
  "meetings.error.badCounterpart": "Meetings are booked between an investor and an exhibitor.",
  "meetings.error.badSlot": "Choose one of the fair's meeting slots that has not started yet.",
  "meetings.error.pickSlot": "Choose at least one slot.",
  "meetings.error.tooManySlots": "Propose at most 3 slots.",
  "meetings.error.tooManyPending":
    "You have {max} unanswered invitations at this fair. Wait for replies or withdraw some.",
  "meetings.error.notPending": "This invitation was already answered.",
  "meetings.error.slotTaken": "That slot was just taken. Please choose another one.",
  "meetings.error.noPublicBooth": "Invite investors once your booth is public.",
};

export const meetingsCatalog = defineCatalog("meetings", meetingsZh, meetingsEn);
