/**
 * Every word the console shows, Chinese first, English second. `t(key, params)` fills {name}
 * placeholders. Enum values of the API have their own tables (label()).
 */
export type Lang = 'zh' | 'en';

const D = {
  appName: ['AidNet 应急资源联网与跨区互助', 'AidNet emergency resources & mutual aid'],
  appShort: ['AidNet 应急互助', 'AidNet'],
  loading: ['正在加载…', 'Loading…'],
  langToggle: ['English', '中文'],
  signOut: ['退出登录', 'Sign out'],
  signedInAs: ['{name}（{jurisdiction} · {roles}）', '{name} ({jurisdiction} · {roles})'],
  // navigation
  navBoard: ['一张图', 'Resource map'],
  navSearch: ['队伍查询', 'Find teams'],
  navRequests: ['增援请求', 'Requests'],
  navNewRequest: ['发起请求', 'New request'],
  navNotifications: ['通知', 'Notifications'],
  navSocialRegister: ['社会力量登记', 'Register group'],
  navSocialReview: ['社会力量审核', 'Review groups'],
  navMeetings: ['联席会议', 'Joint meetings'],
  navActions: ['任务督办', 'Action tracker'],
  navMyActions: ['本辖区待办', 'My open actions'],
  menu: ['菜单', 'Menu'],
  // sign-in
  signInTitle: ['登录', 'Sign in'],
  signInIntro: [
    '请粘贴本单位发放的登录令牌（JWT）。令牌只保存在本浏览器标签页中，关闭标签页即失效。',
    'Paste the sign-in token (JWT) issued to you. It is kept in this browser tab only and is gone when the tab is closed.',
  ],
  tokenLabel: ['登录令牌', 'Token'],
  tokenPlaceholder: ['eyJ… 开头的一长串字符', 'A long string starting with eyJ…'],
  signInButton: ['登录', 'Sign in'],
  tokenInvalid: [
    '令牌格式不正确：请完整复制以 eyJ 开头的令牌后重试。',
    'This is not a valid token: copy the whole token starting with eyJ and try again.',
  ],
  tokenExpired: [
    '令牌已过期：请向本单位管理员申请新的令牌后重新登录。',
    'The token has expired: ask your administrator for a new one and sign in again.',
  ],
  demoTitle: ['演示身份（仅开发环境）', 'Demo identities (development only)'],
  demoIntro: ['选择一个身份即可登录，无需令牌。', 'Pick an identity to sign in without pasting a token.'],
  // roles
  // common
  refresh: ['刷新', 'Refresh'],
  cancel: ['取消', 'Cancel'],
  save: ['保存', 'Save'],
  submit: ['提交', 'Submit'],
  back: ['返回', 'Back'],
  none: ['无', 'None'],
  noResults: ['没有符合条件的结果。可放宽筛选条件后再查询。', 'Nothing matches. Widen the filters and search again.'],
  all: ['全部', 'All'],
  minutes: ['{n} 分钟', '{n} min'],
  km: ['{n} 公里', '{n} km'],
  people: ['{n} 人', '{n} people'],
  done: ['操作成功', 'Done'],
  working: ['正在提交…', 'Working…'],
  jurisdiction: ['辖区', 'Jurisdiction'],
  status: ['状态', 'Status'],
  type: ['类型', 'Type'],
  tier: ['等级', 'Tier'],
  tierN: ['{n} 级', 'Tier {n}'],
  headcount: ['人数', 'Headcount'],
  eta: ['预计到达', 'ETA'],
  distance: ['距离', 'Distance'],
  contact: ['联系人', 'Contact'],
  name: ['名称', 'Name'],
  time: ['时间', 'Time'],
  note: ['备注', 'Note'],
  lat: ['纬度', 'Latitude'],
  lng: ['经度', 'Longitude'],
  // errors
  errUNAUTHENTICATED: ['登录已失效或令牌无效：请重新登录。', 'Your sign-in is no longer valid: please sign in again.'],
  errFORBIDDEN: [
    '您的角色无权执行此操作：请联系具有相应权限的同事（如本辖区指挥员或值班员）处理。',
    'Your role may not do this: ask a colleague with the right role (e.g. your commander or duty officer).',
  ],
  errCONFLICT: [
    '资源已被占用或记录已变更：请刷新后重试。',
    'The resource is taken or the record has changed: refresh and try again.',
  ],
  errJURISDICTION_UNAVAILABLE: [
    '某辖区节点暂不可达：请稍后重试，或电话联系该辖区值班室。',
    "A jurisdiction's node cannot be reached: try again shortly or phone its duty room.",
  ],
  errJURISDICTION_UNAVAILABLE_named: [
    '{name}节点暂不可达：请稍后重试，或电话联系{name}值班室。',
    'The node of {name} cannot be reached: try again shortly or phone its duty room.',
  ],
  errSERVICE_UNAVAILABLE: [
    '平台的一项服务暂不可用，相关内容未能显示：请稍后重试；如持续不可用，请联系值班信息技术人员。',
    'A platform service is unavailable and part of this page is missing: try again shortly, and tell the duty IT staff if it persists.',
  ],
  errSERVICE_UNAVAILABLE_named: [
    '{name}暂不可用，相关内容未能显示（其他内容不受影响）：请稍后重试；如持续不可用，请联系值班信息技术人员。',
    'The {name} is unavailable and its part of this page is missing (the rest is not affected): try again shortly, and tell the duty IT staff if it persists.',
  ],
  errBAD_USER_INPUT: [
    '填写内容有误，未作任何修改：请按下列提示修改后重新提交。',
    'Some input is wrong and nothing was changed: correct the fields below and submit again.',
  ],
  errNOT_FOUND: [
    '记录不存在或已被删除：请返回列表刷新后重试。',
    'The record does not exist: go back to the list and refresh.',
  ],
  errINTERNAL_SERVER_ERROR: [
    '系统内部错误，操作未完成：请稍后重试；如仍失败，请联系值班信息技术人员。',
    'Internal error; nothing was done: try again shortly, and tell the duty IT staff if it persists.',
  ],
  errNetwork: [
    '无法连接到平台服务器：请检查网络连接后重试。',
    'Cannot reach the server: check the network connection and try again.',
  ],
  errDetail: ['系统说明：{detail}', 'Details: {detail}'],
  errNoIdentities: ['未找到演示身份：请使用令牌登录。', 'No demo identities here: sign in with a token.'],
  // coverage
  coverageMissing: [
    '部分辖区未应答：{missing}。以下结果只包含已应答的辖区（{answered}），可能不完整。请稍后刷新，或电话联系未应答辖区的值班室。',
    "Some jurisdictions did not answer: {missing}. The results below cover only those that did ({answered}) and may be incomplete. Refresh shortly or phone the missing jurisdictions' duty rooms.",
  ],
  coverageTitle: ['数据覆盖提示', 'Coverage notice'],
  // board
  boardTitle: ['一张图：可用队伍分布', 'Resource map: available teams'],
  boardHint: [
    '点击地图设置事发地点，圈线为路程时间 15/30/60 分钟（预计到达 = 集结时间 + 路程时间）。',
    'Click the map to set the incident point; rings show 15/30/60 minutes of travel (ETA = readiness + travel).',
  ],
  boardIncident: ['事发地点', 'Incident point'],
  boardNoIncident: ['尚未设置事发地点：请点击地图。', 'No incident point yet: click the map.'],
  boardTypeFilter: ['队伍类型', 'Team type'],
  boardAvailable: ['可用队伍', 'Available teams'],
  boardNearest: ['最快到达的队伍', 'Fastest to arrive'],
  boardByJurisdiction: ['各辖区可用队伍（按类型）', 'Available teams by jurisdiction and type'],
  boardSearchHere: ['在此查询队伍', 'Search teams here'],
  boardRequestHere: ['在此发起增援请求', 'Request reinforcement here'],
  ring: ['{n} 分钟', '{n} min'],
  noNode: ['（无节点）', '(no node)'],
  // search
  searchTitle: ['队伍与社会力量查询', 'Find teams and social groups'],
  searchTeams: ['专业队伍', 'Teams'],
  searchSocial: ['社会力量', 'Social groups'],
  filterTypes: ['队伍类型', 'Team types'],
  filterCapabilities: ['专业能力', 'Capabilities'],
  filterStatuses: ['状态', 'Statuses'],
  filterMaxTier: ['最低等级要求', 'Worst tier'],
  filterAnyTier: ['不限', 'Any'],
  filterNear: ['事发地点（按预计到达时间排序）', 'Incident point (order by ETA)'],
  filterNearPick: ['选择辖区中心点', 'Use a jurisdiction centre'],
  filterJurisdictions: ['查询范围（辖区）', 'Jurisdictions to ask'],
  filterAllJurisdictions: ['全网', 'Whole network'],
  filterOrder: ['排序', 'Order'],
  orderETA: ['预计到达时间', 'ETA'],
  orderNAME: ['名称', 'Name'],
  search: ['查询', 'Search'],
  resultCount: ['共 {n} 条', '{n} found'],
  requestReinforcement: ['请求增援', 'Request reinforcement'],
  needNear: ['按预计到达时间排序需要事发地点。', 'Ordering by ETA needs an incident point.'],
  anyType: ['全部类型', 'All types'],
  members: ['队员', 'Members'],
  assembly: ['集结时间', 'Assembly'],
  // requests
  requestsTitle: ['增援请求', 'Reinforcement requests'],
  incoming: ['收到的请求', 'Incoming'],
  outgoing: ['发出的请求', 'Outgoing'],
  requestNumber: ['编号', 'Number'],
  requester: ['请求方', 'Requester'],
  targets: ['被请求方', 'Asked'],
  respondBy: ['答复期限', 'Respond by'],
  needs: ['需求', 'Needs'],
  incident: ['事件', 'Incident'],
  severity: ['事件等级', 'Severity'],
  incidentKind: ['事件类型', 'Kind'],
  incidentTitle: ['事件名称', 'Title'],
  address: ['地址', 'Address'],
  exercise: ['演练', 'Exercise'],
  exerciseCheckbox: ['这是演练（所有页面标注【演练】）', 'This is an exercise (marked 【演练】 everywhere)'],
  exerciseWatermark: ['【演练】', '【EXERCISE】'],
  requestedBy: ['发起人', 'Requested by'],
  openRequest: ['查看', 'Open'],
  newRequestTitle: ['发起增援请求', 'New reinforcement request'],
  needLine: ['需求 {n}', 'Need {n}'],
  needKind: ['资源类别', 'Resource kind'],
  quantity: ['数量', 'Quantity'],
  addNeed: ['增加一项需求', 'Add a need'],
  removeNeed: ['删除', 'Remove'],
  respondWithin: ['答复时限', 'Respond within'],
  chooseTargets: [
    '请求哪些辖区（先本地、再相邻、再上级）',
    'Which jurisdictions to ask (local first, then neighbours, then up)',
  ],
  neighbourHint: ['相邻', 'neighbour'],
  send: ['发送请求', 'Send request'],
  sent: ['请求已发送：{number}', 'Request sent: {number}'],
  useMapPoint: ['点击上方地图选择地点', 'Click the map above to pick the point'],
  fill: ['满足情况', 'Fill'],
  offered: ['已提供', 'offered'],
  accepted: ['已接受', 'accepted'],
  fulfilled: ['已到位', 'on scene'],
  acknowledgements: ['已收到确认', 'Acknowledged by'],
  responses: ['答复', 'Responses'],
  assignments: ['调派任务', 'Assignments'],
  timeline: ['全过程记录', 'Timeline'],
  escalations: ['升级记录', 'Escalations'],
  pending: [
    '等待节点确认：{kind}（节点暂不可达，系统自动重试）',
    'Waiting for the node: {kind} (unreachable, retrying)',
  ],
  ack: ['确认收到', 'Acknowledge'],
  acked: ['{name} 已确认收到', '{name} acknowledged'],
  respond: ['答复', 'Respond'],
  respondTitle: ['答复本请求（本辖区资源）', 'Respond with your own resources'],
  responseKind: ['答复方式', 'Response'],
  pickResources: ['选择提供的资源', 'Resources to offer'],
  noOwnResources: ['本辖区暂无可提供的此类资源。', 'You have no resources of this kind available.'],
  reason: ['原因', 'Reason'],
  confirmOffer: ['确认提供', 'Confirm offer'],
  acceptOffer: ['接受', 'Accept'],
  acceptSelected: ['接受所选', 'Accept selected'],
  release: ['解除任务（撤离）', 'Release'],
  reportStatus: ['报告状态：{status}', 'Report: {status}'],
  cancelRequest: ['撤销请求', 'Cancel request'],
  cancelReason: ['撤销原因', 'Reason for cancelling'],
  closeRequest: ['结束请求', 'Close request'],
  confirmClose: ['确认结束本请求？仍占用的资源将被释放。', 'Close this request? Resources still held are released.'],
  by: ['经办人', 'By'],
  noRequests: ['暂无请求。', 'No requests.'],
  rejectedReason: ['（{reason}）', ' ({reason})'],
  // notifications
  notificationsTitle: ['通知', 'Notifications'],
  unreadOnly: ['只看未读', 'Unread only'],
  markRead: ['标记已读', 'Mark read'],
  readBy: ['{by} 已读', 'read by {by}'],
  noNotifications: ['暂无通知。', 'No notifications.'],
  openRelated: ['查看请求', 'Open request'],
  // social
  socialRegisterTitle: ['社会应急力量登记', 'Register a social rescue group'],
  socialRegisterIntro: [
    '登记后由{jurisdiction}审核；审核通过后，本队伍即可在全网被查询和请求。',
    '{jurisdiction} reviews the registration; once verified the group can be found and requested across the network.',
  ],
  creditCode: ['统一社会信用代码（18 位）', 'Unified social credit code (18 characters)'],
  capabilities: ['专业能力（可多选，并自评等级）', 'Capabilities (declare a grade for each)'],
  membersCount: ['队员人数', 'Members'],
  range: ['活动范围', 'Operating range'],
  assemblyMinutes: ['集结时间（分钟）', 'Assembly time (minutes)'],
  baseLocation: ['驻地位置', 'Base location'],
  contactName: ['联系人姓名', 'Contact name'],
  contactPhone: ['联系电话', 'Contact phone'],
  equipment: ['主要装备', 'Equipment'],
  equipmentLine: ['主要装备（每行一项，如：冲锋舟 2）', 'Main equipment (one per line, e.g. "boat 2")'],
  registered: ['登记已提交，等待审核：{name}', 'Registered, awaiting review: {name}'],
  myGroups: ['本单位已登记的队伍', 'Groups you registered'],
  verification: ['审核状态', 'Review status'],
  socialReviewTitle: ['社会应急力量审核', 'Review social rescue groups'],
  reviewQueue: ['待审核', 'Awaiting review'],
  reviewed: ['已审核', 'Reviewed'],
  verify: ['审核通过', 'Verify'],
  reject: ['不予通过', 'Reject'],
  reviewNote: ['审核意见', 'Review note'],
  assessedGrade: ['核定等级', 'Assessed grade'],
  noPending: ['暂无待审核的登记。', 'Nothing awaits review.'],
  reviewDone: ['已审核：{name}', 'Reviewed: {name}'],
  // secretariat
  meetingsTitle: ['区域应急协同联席会议', 'Joint emergency coordination meetings'],
  meetingHost: ['召集方', 'Host'],
  meetingChair: ['主持人', 'Chair'],
  meetingWhen: ['时间', 'When'],
  meetingWhere: ['地点', 'Where'],
  meetingMembers: ['成员单位', 'Members'],
  attendees: ['出席人员', 'Attendees'],
  agenda: ['议程', 'Agenda'],
  resolutions: ['会议决定', 'Resolutions'],
  actions: ['任务事项', 'Actions'],
  minutesText: ['会议纪要', 'Minutes'],
  downloadDocx: ['下载会议纪要（Word）', 'Download minutes (Word)'],
  downloading: ['正在下载…', 'Downloading…'],
  downloadFailed: [
    '下载失败：请稍后重试；如仍失败，请重新登录后再试。',
    'Download failed: try again shortly, or sign in again.',
  ],
  noMeetings: ['暂无会议。', 'No meetings.'],
  actionOwner: ['责任单位', 'Owner'],
  dueDate: ['完成期限', 'Due'],
  percent: ['进度', 'Progress'],
  overdue: ['已逾期', 'Overdue'],
  onlyOpen: ['只看未完成', 'Open only'],
  noActions: ['暂无任务。', 'No actions.'],
  meetingOf: ['所属会议', 'Meeting'],
  progressNote: ['进展说明', 'Progress note'],
  reportProgress: ['报告进展', 'Report progress'],
  completeAction: ['标记完成', 'Mark done'],
  myActionsTitle: ['本辖区待办任务（逾期在前）', "Your jurisdiction's open actions (overdue first)"],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof D;

const ENUMS: Record<string, Record<string, readonly [string, string]>> = {
  /** Subgraphs named by SERVICE_UNAVAILABLE (`extensions.service`). */
  service: {
    'mutual-aid': ['跨区增援服务', 'mutual-aid service'],
    conference: ['联席会议服务', 'conference service'],
    registry: ['资源登记网络', 'resource registry'],
  },
  role: {
    commander: ['指挥员', 'Commander'],
    duty_officer: ['值班员', 'Duty officer'],
    observer: ['观察员', 'Observer'],
    registrar: ['登记审核员', 'Registrar'],
    secretariat: ['联席会议秘书处', 'Secretariat'],
    social_org: ['社会应急力量', 'Social group'],
    service: ['系统服务', 'Service'],
  },
  resourceStatus: {
    AVAILABLE: ['可用', 'Available'],
    STANDBY: ['备勤', 'Standby'],
    RESERVED: ['已预留', 'Reserved'],
    DEPLOYED: ['已出动', 'Deployed'],
    OUT_OF_SERVICE: ['停用', 'Out of service'],
  },
  requestStatus: {
    OPEN: ['待答复', 'Open'],
    PARTIALLY_FILLED: ['部分满足', 'Partly filled'],
    FILLED: ['已满足', 'Filled'],
    CLOSED: ['已结束', 'Closed'],
    CANCELLED: ['已撤销', 'Cancelled'],
    EXPIRED: ['已过期', 'Expired'],
  },
  severity: {
    GENERAL: ['一般', 'General'],
    LARGE: ['较大', 'Large'],
    MAJOR: ['重大', 'Major'],
    EXTRAORDINARY: ['特别重大', 'Extraordinary'],
  },
  fill: { NONE: ['未满足', 'None'], PARTIAL: ['部分满足', 'Partial'], COMPLETE: ['已满足', 'Complete'] },
  resourceKind: {
    TEAM: ['专业队伍', 'Team'],
    SOCIAL_FORCE: ['社会力量', 'Social group'],
    SUPPLY: ['物资', 'Supplies'],
  },
  responseKind: {
    OFFER: ['提供（立即预留）', 'Offer (reserved now)'],
    PROVISIONAL: ['暂定提供（待确认）', 'Provisional'],
    DECLINE: ['无法提供', 'Decline'],
  },
  offerState: {
    OFFERED: ['待接受', 'Offered'],
    ACCEPTED: ['已接受', 'Accepted'],
    REJECTED: ['未采用', 'Rejected'],
    WITHDRAWN: ['已撤回', 'Withdrawn'],
  },
  assignmentStatus: {
    DISPATCHED: ['已派出', 'Dispatched'],
    EN_ROUTE: ['途中', 'En route'],
    ON_SCENE: ['已到达现场', 'On scene'],
    RELEASED: ['已解除任务', 'Released'],
    RETURNED: ['已归建', 'Returned'],
  },
  pendingKind: { RESERVE: ['预留', 'reserve'], DEPLOY: ['调派', 'deploy'], RELEASE: ['释放', 'release'] },
  verification: {
    PENDING: ['待审核', 'Pending'],
    VERIFIED: ['已审核通过', 'Verified'],
    REJECTED: ['未通过', 'Rejected'],
    SUSPENDED: ['已暂停', 'Suspended'],
  },
  grade: {
    GRADE_1: ['一级', 'Grade 1'],
    GRADE_2: ['二级', 'Grade 2'],
    GRADE_3: ['三级', 'Grade 3'],
    UNGRADED: ['未测评', 'Ungraded'],
  },
  range: {
    LOCAL: ['本地', 'Local'],
    CITY: ['本市', 'City'],
    PROVINCE: ['本省', 'Province'],
    NEIGHBOURING_PROVINCES: ['邻省', 'Neighbouring provinces'],
  },
  meetingStatus: {
    SCHEDULED: ['已安排', 'Scheduled'],
    IN_SESSION: ['进行中', 'In session'],
    CONCLUDED: ['已结束', 'Concluded'],
    CANCELLED: ['已取消', 'Cancelled'],
  },
  agendaStatus: {
    PROPOSED: ['已提出', 'Proposed'],
    ACCEPTED: ['已列入议程', 'Accepted'],
    DEFERRED: ['暂缓', 'Deferred'],
    DISCUSSED: ['已讨论', 'Discussed'],
  },
  actionStatus: {
    OPEN: ['未开始', 'Open'],
    IN_PROGRESS: ['进行中', 'In progress'],
    DONE: ['已完成', 'Done'],
    CANCELLED: ['已取消', 'Cancelled'],
  },
  teamKind: {
    SPECIALIST: ['专业队伍', 'Specialist'],
    TOWNSHIP_COMPREHENSIVE: ['镇(街道)综合队伍', 'Township team'],
    ENTERPRISE: ['企业队伍', 'Enterprise team'],
  },
  level: {
    CITY: ['市', 'City'],
    DISTRICT: ['区', 'District'],
    TOWNSHIP: ['镇', 'Township'],
    STREET: ['街道', 'Street'],
    ZONE: ['开发区', 'Zone'],
  },
};

export type EnumName = keyof typeof ENUMS;

let lang: Lang = (localStorage.getItem('aidnet.lang') as Lang | null) === 'en' ? 'en' : 'zh';

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('aidnet.lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = D[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_m, p: string) => String(params[p] ?? `{${p}}`));
}

/** @returns the word for an API enum value (the value itself when unknown). */
export function label(kind: EnumName, value: string | null | undefined): string {
  if (!value) return '';
  const entry = ENUMS[kind]?.[value];
  return entry ? entry[lang === 'zh' ? 0 : 1] : value;
}

export function enumValues(kind: EnumName): string[] {
  return Object.keys(ENUMS[kind] ?? {});
}

/** A date-time in China time (UTC+8), e.g. 2026-07-01 02:15. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export function fmtDate(iso: string | null | undefined): string {
  return fmtTime(iso).slice(0, 10);
}
