/**
 * Hand-written facts behind the demo data: which teams suit which jurisdiction, the equipment
 * checklist, the social forces, the experts' fields. Copied (not read at runtime) from the
 * project's research notes, TAXONOMY-SOURCES.md sections 1-3 and 6, and the Wujin 2022 work plan.
 * Everything here is demo data: people, phone numbers, credit codes and grades are invented.
 */

/** Equipment checklist of TAXONOMY-SOURCES.md section 3.2, by code; team equipment lines use these names. */
export const EQUIPMENT = {
  radio: '对讲机',
  sat_phone: '卫星电话',
  lighting: '移动照明灯/照明车',
  generator: '移动式发电机组',
  pump: '排涝泵(柴油机泵/潜水泵)',
  boat: '冲锋舟/橡皮艇',
  life_jacket: '救生衣/救生圈/抛投器',
  forest_fire_kit: '风力灭火机/二号工具/油锯',
  extinguisher: '灭火器',
  breaking_tools: '破拆工具组',
  sandbags: '编织袋/草包/土工布',
  cordon: '警戒带/锥桶',
  first_aid: '急救箱/担架',
  ppe: '头盔/防护服/雨衣雨靴',
  vehicle: '运输车/皮卡',
} as const;

export type EquipmentCode = keyof typeof EQUIPMENT;

/** Quantity range of one equipment line at district scale (a township team holds about half). */
export type EquipmentRange = readonly [EquipmentCode, number, number];

/** How a team of one of the 24 types looks: its name, size, readiness and kit. */
export interface TeamTypeProfile {
  /** The team name after the jurisdiction's name, e.g. 危险化学品事故应急救援队. */
  teamName: string;
  /** District-level headcount range; township teams are smaller. */
  headcount: readonly [number, number];
  /** Minutes from call to departure. */
  readiness: readonly [number, number];
  equipment: readonly EquipmentRange[];
}

/**
 * The 24 team types of the catalogue (team-types.json), as teams. Names follow the catalogue,
 * without its explanatory parentheses.
 */
export const TEAM_TYPE_PROFILES: Readonly<Record<string, TeamTypeProfile>> = {
  hazmat: {
    teamName: '危险化学品事故应急救援队',
    headcount: [40, 70],
    readiness: [10, 15],
    equipment: [
      ['ppe', 40, 80],
      ['breaking_tools', 4, 8],
      ['cordon', 30, 60],
      ['extinguisher', 60, 120],
      ['radio', 20, 40],
      ['first_aid', 6, 12],
      ['vehicle', 4, 8],
      ['lighting', 2, 4],
    ],
  },
  forest_fire: {
    teamName: '森林火灾扑救应急队',
    headcount: [25, 50],
    readiness: [10, 20],
    equipment: [
      ['forest_fire_kit', 30, 60],
      ['extinguisher', 40, 80],
      ['radio', 15, 30],
      ['ppe', 30, 60],
      ['vehicle', 3, 6],
      ['first_aid', 4, 8],
    ],
  },
  flood: {
    teamName: '抗洪抢险应急队',
    headcount: [50, 100],
    readiness: [15, 30],
    equipment: [
      ['sandbags', 2000, 6000],
      ['pump', 6, 16],
      ['boat', 2, 6],
      ['life_jacket', 60, 150],
      ['lighting', 3, 8],
      ['generator', 2, 6],
      ['vehicle', 4, 10],
      ['radio', 20, 40],
    ],
  },
  quake_geo: {
    teamName: '地震和地质灾害应急队',
    headcount: [40, 80],
    readiness: [15, 30],
    equipment: [
      ['breaking_tools', 8, 16],
      ['lighting', 4, 8],
      ['generator', 2, 4],
      ['first_aid', 10, 20],
      ['radio', 20, 40],
      ['sat_phone', 2, 4],
      ['ppe', 40, 80],
      ['vehicle', 3, 6],
    ],
  },
  water_rescue: {
    teamName: '水上搜救队',
    headcount: [25, 50],
    readiness: [10, 20],
    equipment: [
      ['boat', 4, 10],
      ['life_jacket', 80, 200],
      ['radio', 15, 30],
      ['lighting', 2, 6],
      ['first_aid', 4, 8],
      ['vehicle', 2, 5],
    ],
  },
  construction: {
    teamName: '建设工程抢险队',
    headcount: [40, 90],
    readiness: [20, 40],
    equipment: [
      ['breaking_tools', 6, 12],
      ['lighting', 4, 8],
      ['generator', 3, 6],
      ['cordon', 40, 80],
      ['ppe', 40, 100],
      ['vehicle', 6, 12],
    ],
  },
  gas: {
    teamName: '城镇燃气抢险队',
    headcount: [20, 40],
    readiness: [10, 20],
    equipment: [
      ['ppe', 20, 40],
      ['cordon', 20, 40],
      ['extinguisher', 20, 40],
      ['radio', 10, 20],
      ['vehicle', 3, 6],
      ['breaking_tools', 2, 4],
    ],
  },
  power: {
    teamName: '电力抢修队',
    headcount: [40, 80],
    readiness: [15, 30],
    equipment: [
      ['generator', 6, 15],
      ['lighting', 4, 10],
      ['radio', 20, 40],
      ['ppe', 40, 80],
      ['vehicle', 6, 12],
      ['cordon', 20, 40],
    ],
  },
  water_supply: {
    teamName: '供水抢修队',
    headcount: [25, 45],
    readiness: [15, 30],
    equipment: [
      ['pump', 4, 10],
      ['generator', 2, 5],
      ['ppe', 20, 40],
      ['vehicle', 3, 6],
      ['cordon', 20, 40],
      ['lighting', 2, 4],
    ],
  },
  drainage: {
    teamName: '排水防涝队',
    headcount: [30, 60],
    readiness: [15, 30],
    equipment: [
      ['pump', 10, 30],
      ['generator', 3, 8],
      ['lighting', 3, 8],
      ['sandbags', 1000, 3000],
      ['vehicle', 4, 8],
      ['ppe', 30, 60],
    ],
  },
  comms: {
    teamName: '应急指挥通信保障队',
    headcount: [20, 35],
    readiness: [10, 20],
    equipment: [
      ['sat_phone', 4, 10],
      ['radio', 40, 100],
      ['generator', 2, 5],
      ['lighting', 2, 4],
      ['vehicle', 2, 4],
    ],
  },
  medical: {
    teamName: '紧急医学救援队',
    headcount: [25, 50],
    readiness: [10, 15],
    equipment: [
      ['first_aid', 20, 50],
      ['vehicle', 3, 8],
      ['radio', 10, 20],
      ['ppe', 20, 40],
    ],
  },
  public_health: {
    teamName: '疾控防疫应急队',
    headcount: [25, 50],
    readiness: [20, 40],
    equipment: [
      ['ppe', 100, 300],
      ['first_aid', 10, 20],
      ['vehicle', 2, 5],
      ['cordon', 20, 40],
      ['radio', 10, 20],
    ],
  },
  animal_epidemic: {
    teamName: '重大动物疫情应急队',
    headcount: [20, 40],
    readiness: [20, 40],
    equipment: [
      ['ppe', 60, 150],
      ['cordon', 20, 40],
      ['vehicle', 2, 4],
      ['first_aid', 4, 8],
    ],
  },
  environment: {
    teamName: '突发环境事件应急监测处置队',
    headcount: [20, 35],
    readiness: [15, 30],
    equipment: [
      ['ppe', 20, 40],
      ['vehicle', 2, 5],
      ['cordon', 20, 40],
      ['radio', 10, 20],
      ['lighting', 1, 3],
    ],
  },
  road_transport: {
    teamName: '道路抢通与交通运输保障队',
    headcount: [40, 80],
    readiness: [20, 40],
    equipment: [
      ['vehicle', 10, 30],
      ['lighting', 3, 8],
      ['cordon', 50, 120],
      ['breaking_tools', 2, 6],
      ['radio', 20, 40],
    ],
  },
  special_equipment: {
    teamName: '特种设备救援队',
    headcount: [20, 35],
    readiness: [10, 20],
    equipment: [
      ['breaking_tools', 3, 8],
      ['ppe', 15, 30],
      ['lighting', 2, 4],
      ['first_aid', 2, 4],
      ['vehicle', 2, 4],
      ['radio', 8, 16],
    ],
  },
  rail_transit: {
    teamName: '城市轨道交通应急抢险队',
    headcount: [30, 60],
    readiness: [10, 20],
    equipment: [
      ['breaking_tools', 4, 8],
      ['lighting', 4, 10],
      ['generator', 2, 5],
      ['radio', 20, 40],
      ['ppe', 30, 60],
      ['first_aid', 4, 8],
    ],
  },
  pipeline: {
    teamName: '油气长输管道抢险队',
    headcount: [20, 40],
    readiness: [20, 40],
    equipment: [
      ['ppe', 20, 40],
      ['cordon', 30, 60],
      ['extinguisher', 30, 60],
      ['vehicle', 3, 6],
      ['generator', 2, 4],
      ['radio', 10, 20],
    ],
  },
  food_drug: {
    teamName: '食品药品安全应急队',
    headcount: [20, 30],
    readiness: [20, 40],
    equipment: [
      ['ppe', 10, 30],
      ['vehicle', 2, 4],
      ['radio', 6, 12],
      ['cordon', 10, 20],
    ],
  },
  municipal: {
    teamName: '市政设施抢险队',
    headcount: [40, 90],
    readiness: [15, 30],
    equipment: [
      ['vehicle', 6, 15],
      ['lighting', 3, 8],
      ['cordon', 40, 100],
      ['pump', 4, 10],
      ['ppe', 40, 80],
      ['generator', 2, 5],
    ],
  },
  survey_uav: {
    teamName: '应急测绘与无人机保障队',
    headcount: [15, 25],
    readiness: [15, 30],
    equipment: [
      ['sat_phone', 2, 4],
      ['radio', 10, 20],
      ['generator', 1, 3],
      ['vehicle', 2, 4],
      ['lighting', 1, 2],
    ],
  },
  militia: {
    teamName: '民兵应急分队',
    headcount: [60, 120],
    readiness: [20, 40],
    equipment: [
      ['radio', 20, 40],
      ['ppe', 60, 120],
      ['sandbags', 1000, 3000],
      ['boat', 2, 4],
      ['life_jacket', 40, 80],
      ['forest_fire_kit', 20, 40],
      ['vehicle', 3, 6],
      ['first_aid', 4, 8],
    ],
  },
  works_safety: {
    teamName: '工贸企业有限空间救援队',
    headcount: [20, 40],
    readiness: [10, 20],
    equipment: [
      ['breaking_tools', 3, 6],
      ['ppe', 20, 40],
      ['first_aid', 4, 8],
      ['radio', 10, 20],
      ['lighting', 2, 4],
      ['cordon', 10, 20],
      ['vehicle', 2, 4],
    ],
  },
};

/** The four "fist" teams the Wujin plan names, plus communications and medical: tier 1 in a district. */
export const DISTRICT_TIER_ONE_TYPES: ReadonlySet<string> = new Set([
  'hazmat',
  'forest_fire',
  'flood',
  'quake_geo',
  'water_rescue',
  'medical',
  'comms',
]);

/**
 * The type of a township comprehensive team (镇(街道)综合应急救援队伍). The catalogue has no
 * "comprehensive" type; these teams are drawn mainly from local militia (2009 grassroots
 * document) and do general first response, which is what 民兵应急分队 stands for, so a search
 * by hazard type still finds only the teams specialised in it.
 */
export const COMPREHENSIVE_TEAM_TYPE = 'militia';

/** Kit of a township comprehensive team (TAXONOMY-SOURCES.md 3.2), at township scale. */
export const COMPREHENSIVE_EQUIPMENT: readonly EquipmentRange[] = [
  ['radio', 10, 20],
  ['ppe', 30, 60],
  ['sandbags', 1000, 3000],
  ['pump', 2, 6],
  ['life_jacket', 20, 40],
  ['extinguisher', 20, 40],
  ['first_aid', 2, 4],
  ['lighting', 2, 4],
  ['generator', 1, 2],
  ['cordon', 10, 30],
  ['vehicle', 2, 4],
];

/** What a town, street or zone has besides its comprehensive team. */
export interface LocalProfile {
  /** A shorter name for labels, when the directory's name is long. */
  shortName?: string;
  /** Specialist team types that suit the place (forest, lake, industry…). */
  specialistTypes: readonly string[];
  /** An enterprise joint-defence team (企业应急队伍) of the industrial zone. */
  enterpriseTeam?: boolean;
  /** Bearings (degrees from north, clockwise; from may be negative) that keep bases off the lake. */
  landBearings?: readonly [number, number];
  /** Boats in the depot (lake shore or flood plain). */
  boats?: boolean;
}

/** Default for a town, street or zone not listed below (a new township in network.json). */
export const DEFAULT_LOCAL_PROFILE: LocalProfile = { specialistTypes: ['flood'] };

/**
 * Forest-fire teams where the hills are (雪堰 and 横山桥: 2016 forest-fire team, town 防火专业队),
 * water rescue along Lake Taihu and 滆湖 (雪堰, 太湖湾, 西湖, 西太湖), hazmat in the industrial zones.
 */
export const LOCAL_PROFILES: Readonly<Record<string, LocalProfile>> = {
  'wujin.hutang': { specialistTypes: ['drainage', 'special_equipment', 'flood'] },
  'wujin.niutang': { specialistTypes: ['flood', 'drainage'] },
  'wujin.luoyang': { specialistTypes: ['flood', 'animal_epidemic'] },
  'wujin.xueyan': { specialistTypes: ['forest_fire', 'water_rescue', 'flood'], landBearings: [-80, 100], boats: true },
  'wujin.qianhuang': { specialistTypes: ['flood', 'animal_epidemic'] },
  'wujin.lijia': { specialistTypes: ['flood', 'works_safety'] },
  'wujin.jiaze': { specialistTypes: ['flood', 'animal_epidemic'], boats: true },
  'wujin.huangli': { specialistTypes: ['flood', 'animal_epidemic'] },
  'wujin.nanxiashu': { specialistTypes: ['drainage', 'flood'] },
  'wujin.xihu': { specialistTypes: ['water_rescue', 'flood'], landBearings: [0, 180], boats: true },
  'wujin.hitech': {
    shortName: '武进高新区',
    specialistTypes: ['hazmat', 'works_safety', 'special_equipment', 'environment'],
    enterpriseTeam: true,
  },
  'wujin.xitaihu': {
    shortName: '西太湖科技产业园',
    specialistTypes: ['water_rescue', 'flood', 'works_safety'],
    landBearings: [0, 180],
    boats: true,
  },
  'wujin.kejiaocheng': { specialistTypes: ['public_health', 'special_equipment'] },
  'wujin.taihuwan': { specialistTypes: ['water_rescue', 'flood', 'medical'], landBearings: [-80, 100], boats: true },
  'wujin.qishuyan': { specialistTypes: ['rail_transit', 'works_safety', 'drainage'] },
  'wujin.dingyan': { specialistTypes: ['drainage', 'gas'] },
  'wujin.lucheng': { specialistTypes: ['drainage', 'works_safety'] },
  'wujin.yaoguan': { specialistTypes: ['hazmat', 'works_safety', 'flood'], enterpriseTeam: true },
  'wujin.henglin': { specialistTypes: ['hazmat', 'works_safety', 'environment'], enterpriseTeam: true },
  'wujin.hengshanqiao': { specialistTypes: ['forest_fire', 'flood'] },
};

/** Jurisdictions that show the holiday duty regime (三三制). */
export const THREE_THIRDS_JURISDICTIONS: ReadonlySet<string> = new Set(['wujin', 'wujin.xueyan']);

export type Grade = 'GRADE_1' | 'GRADE_2' | 'GRADE_3' | 'UNGRADED';
export type OperatingRange = 'LOCAL' | 'CITY' | 'PROVINCE' | 'NEIGHBOURING_PROVINCES';

/** One social emergency force (社会应急力量) of the demo. */
export interface SocialForceFact {
  jurisdiction: string;
  /** The group's id in its social_org token (`sub` and `org`). */
  orgId: string;
  name: string;
  /** 1 社会团体 or 2 民办非企业单位: the second character of the credit code. */
  orgType: '1' | '2';
  /** Six-digit registration area, when not the district's (a city-registered group). */
  registrationArea?: string;
  /** Declared grade per capability, and the grade the review assesses (VERIFY only). */
  capabilities: readonly { capability: string; declared: Grade; assessed?: Grade }[];
  members: number;
  range: OperatingRange;
  assemblyMinutes: number;
  equipment: readonly (readonly [EquipmentCode, number])[];
  /** VERIFY with the assessed grades, or null to leave the registration PENDING. */
  review: { note: string } | null;
}

/**
 * 常州蓝天救援队 and 武进蓝盾救援队 (18 members, water rescue, 太湖湾 training base — TAXONOMY-SOURCES
 * 2.4) are real group names; their codes, grades and figures here are invented. The other groups are invented.
 */
export const SOCIAL_FORCES: readonly SocialForceFact[] = [
  {
    jurisdiction: 'wujin',
    orgId: 'cz-bluesky',
    name: '常州蓝天救援队',
    orgType: '1',
    registrationArea: '320400',
    capabilities: [
      { capability: 'water_sar', declared: 'GRADE_2', assessed: 'GRADE_2' },
      { capability: 'mountain_sar', declared: 'GRADE_2', assessed: 'GRADE_3' },
      { capability: 'emergency_medical', declared: 'GRADE_3', assessed: 'GRADE_3' },
      { capability: 'rope_rescue', declared: 'UNGRADED' },
    ],
    members: 86,
    range: 'PROVINCE',
    assemblyMinutes: 45,
    equipment: [
      ['boat', 6],
      ['life_jacket', 120],
      ['radio', 40],
      ['first_aid', 10],
      ['vehicle', 5],
      ['lighting', 4],
    ],
    review: { note: '现场测评通过:水上搜救2级、山地搜救3级、应急医疗救护3级' },
  },
  {
    jurisdiction: 'wujin',
    orgId: 'wj-volunteers',
    name: '武进区应急救援志愿者协会',
    orgType: '1',
    capabilities: [
      { capability: 'relief_distribution', declared: 'UNGRADED' },
      { capability: 'disaster_info', declared: 'UNGRADED' },
      { capability: 'public_education', declared: 'UNGRADED' },
    ],
    members: 150,
    range: 'LOCAL',
    assemblyMinutes: 60,
    equipment: [
      ['radio', 30],
      ['vehicle', 3],
      ['ppe', 100],
    ],
    review: { note: '资料齐全,登记备案' },
  },
  {
    jurisdiction: 'wujin',
    orgId: 'wj-uav',
    name: '武进区飞鹰无人机应急服务队',
    orgType: '2',
    capabilities: [
      { capability: 'uav_recon', declared: 'UNGRADED' },
      { capability: 'disaster_info', declared: 'UNGRADED' },
    ],
    members: 24,
    range: 'CITY',
    assemblyMinutes: 40,
    equipment: [
      ['vehicle', 2],
      ['radio', 12],
      ['generator', 1],
    ],
    review: null,
  },
  {
    jurisdiction: 'wujin.taihuwan',
    orgId: 'wj-landun',
    name: '武进蓝盾救援队',
    orgType: '1',
    capabilities: [
      { capability: 'water_sar', declared: 'GRADE_3', assessed: 'GRADE_3' },
      { capability: 'dive_rescue', declared: 'GRADE_3', assessed: 'GRADE_3' },
    ],
    members: 18,
    range: 'PROVINCE',
    assemblyMinutes: 30,
    equipment: [
      ['boat', 3],
      ['life_jacket', 40],
      ['radio', 12],
      ['first_aid', 3],
      ['vehicle', 2],
    ],
    review: { note: '太湖湾水上实训基地驻训,测评通过' },
  },
  {
    jurisdiction: 'wujin.xueyan',
    orgId: 'xy-taihu',
    name: '雪堰镇太湖渔民水上义务救援队',
    orgType: '2',
    capabilities: [{ capability: 'water_sar', declared: 'GRADE_3' }],
    members: 32,
    range: 'LOCAL',
    assemblyMinutes: 20,
    equipment: [
      ['boat', 8],
      ['life_jacket', 60],
      ['radio', 10],
    ],
    review: null,
  },
  {
    jurisdiction: 'wujin.hengshanqiao',
    orgId: 'hsq-fangmao',
    name: '横山桥镇芳茂山护林救援志愿队',
    orgType: '2',
    capabilities: [
      { capability: 'mountain_sar', declared: 'GRADE_3', assessed: 'GRADE_3' },
      { capability: 'disaster_info', declared: 'UNGRADED' },
    ],
    members: 26,
    range: 'LOCAL',
    assemblyMinutes: 30,
    equipment: [
      ['forest_fire_kit', 20],
      ['radio', 12],
      ['first_aid', 2],
      ['vehicle', 1],
    ],
    review: { note: '山地搜救3级,纳入森林防火联防' },
  },
  {
    jurisdiction: 'wujin.hutang',
    orgId: 'ht-aid',
    name: '湖塘镇应急救护志愿服务队',
    orgType: '2',
    capabilities: [
      { capability: 'emergency_medical', declared: 'GRADE_3' },
      { capability: 'public_education', declared: 'UNGRADED' },
    ],
    members: 40,
    range: 'LOCAL',
    assemblyMinutes: 30,
    equipment: [
      ['first_aid', 12],
      ['radio', 8],
    ],
    review: null,
  },
  {
    jurisdiction: 'wujin.kejiaocheng',
    orgId: 'kjc-students',
    name: '常州科教城大学生应急志愿服务队',
    orgType: '2',
    capabilities: [
      { capability: 'public_education', declared: 'UNGRADED' },
      { capability: 'emergency_medical', declared: 'UNGRADED' },
    ],
    members: 60,
    range: 'LOCAL',
    assemblyMinutes: 45,
    equipment: [
      ['first_aid', 6],
      ['radio', 10],
    ],
    review: null,
  },
  {
    jurisdiction: 'wujin.xihu',
    orgId: 'xh-gehu',
    name: '西湖街道滆湖水上救援志愿队',
    orgType: '2',
    capabilities: [{ capability: 'water_sar', declared: 'GRADE_3', assessed: 'GRADE_3' }],
    members: 22,
    range: 'LOCAL',
    assemblyMinutes: 25,
    equipment: [
      ['boat', 2],
      ['life_jacket', 30],
      ['radio', 8],
    ],
    review: { note: '水上搜救3级' },
  },
  {
    jurisdiction: 'jintan',
    orgId: 'jt-maoshan',
    name: '金坛区茅山山地救援队',
    orgType: '1',
    capabilities: [
      { capability: 'mountain_sar', declared: 'GRADE_2', assessed: 'GRADE_2' },
      { capability: 'rope_rescue', declared: 'GRADE_3', assessed: 'GRADE_3' },
      { capability: 'emergency_medical', declared: 'GRADE_3', assessed: 'UNGRADED' },
    ],
    members: 45,
    range: 'PROVINCE',
    assemblyMinutes: 40,
    equipment: [
      ['radio', 20],
      ['first_aid', 6],
      ['lighting', 4],
      ['vehicle', 3],
    ],
    review: { note: '山地搜救2级、高空绳索救援3级;应急医疗救护未参加测评' },
  },
  {
    jurisdiction: 'jintan',
    orgId: 'jt-changdang',
    name: '金坛区长荡湖水上救援队',
    orgType: '2',
    capabilities: [
      { capability: 'water_sar', declared: 'GRADE_3' },
      { capability: 'dive_rescue', declared: 'UNGRADED' },
    ],
    members: 28,
    range: 'CITY',
    assemblyMinutes: 30,
    equipment: [
      ['boat', 4],
      ['life_jacket', 50],
      ['radio', 10],
    ],
    review: null,
  },
  {
    jurisdiction: 'zhonglou',
    orgId: 'zl-usar',
    name: '钟楼区城市搜救志愿队',
    orgType: '1',
    capabilities: [
      { capability: 'collapse_sar', declared: 'GRADE_3', assessed: 'GRADE_3' },
      { capability: 'rope_rescue', declared: 'GRADE_2', assessed: 'GRADE_3' },
    ],
    members: 52,
    range: 'CITY',
    assemblyMinutes: 35,
    equipment: [
      ['breaking_tools', 4],
      ['lighting', 4],
      ['first_aid', 6],
      ['radio', 20],
      ['vehicle', 3],
    ],
    review: { note: '建筑物倒塌搜救3级、高空绳索救援3级' },
  },
  {
    jurisdiction: 'zhonglou',
    orgId: 'zl-medics',
    name: '钟楼区应急医疗救护志愿者协会',
    orgType: '1',
    capabilities: [
      { capability: 'emergency_medical', declared: 'GRADE_2' },
      { capability: 'public_education', declared: 'UNGRADED' },
    ],
    members: 70,
    range: 'CITY',
    assemblyMinutes: 30,
    equipment: [
      ['first_aid', 20],
      ['vehicle', 2],
      ['radio', 10],
    ],
    review: null,
  },
  {
    jurisdiction: 'tianning',
    orgId: 'tn-hongmei',
    name: '天宁区红梅应急救援队',
    orgType: '1',
    capabilities: [
      { capability: 'collapse_sar', declared: 'GRADE_2', assessed: 'GRADE_2' },
      { capability: 'water_sar', declared: 'GRADE_3', assessed: 'GRADE_3' },
    ],
    members: 64,
    range: 'PROVINCE',
    assemblyMinutes: 40,
    equipment: [
      ['breaking_tools', 6],
      ['boat', 2],
      ['life_jacket', 40],
      ['lighting', 4],
      ['radio', 24],
      ['vehicle', 4],
    ],
    review: { note: '建筑物倒塌搜救2级、水上搜救3级' },
  },
  {
    jurisdiction: 'tianning',
    orgId: 'tn-canal',
    name: '天宁区运河水上救援队',
    orgType: '2',
    capabilities: [
      { capability: 'water_sar', declared: 'GRADE_3' },
      { capability: 'dive_rescue', declared: 'GRADE_3' },
    ],
    members: 30,
    range: 'CITY',
    assemblyMinutes: 25,
    equipment: [
      ['boat', 3],
      ['life_jacket', 40],
      ['radio', 10],
    ],
    review: null,
  },
];

/** An expert field: title, the district body they work for, specialties (at most 30 characters each). */
export interface ExpertField {
  title: string;
  /** Appended to the district's name, e.g. 水利局 → 武进区水利局. */
  organization: string;
  specialties: readonly string[];
}

/** The first two are in every district's pool; the rest are drawn. */
export const EXPERT_FIELDS: readonly ExpertField[] = [
  { title: '正高级工程师', organization: '应急管理局', specialties: ['危险化学品', '安全生产'] },
  { title: '高级工程师', organization: '水利局', specialties: ['防汛抗旱', '水利工程'] },
  { title: '主任医师', organization: '人民医院', specialties: ['紧急医学救援', '创伤急救'] },
  { title: '高级工程师', organization: '住房和城乡建设局', specialties: ['建筑结构', '工程抢险'] },
  { title: '高级工程师', organization: '自然资源和规划局', specialties: ['地质灾害', '应急测绘'] },
  { title: '高级工程师', organization: '生态环境局', specialties: ['环境监测', '危险化学品'] },
  { title: '高级工程师', organization: '市场监督管理局', specialties: ['特种设备'] },
  { title: '副主任医师', organization: '疾病预防控制中心', specialties: ['公共卫生', '传染病防控'] },
  { title: '高级工程师', organization: '农业农村局', specialties: ['森林防火', '重大动物疫情'] },
  { title: '高级工程师', organization: '供电公司', specialties: ['电力抢修'] },
];

/** Common surnames in southern Jiangsu, most frequent first (a draw favours the front). */
export const SURNAMES = [
  '王',
  '张',
  '陈',
  '周',
  '吴',
  '徐',
  '朱',
  '钱',
  '蒋',
  '沈',
  '顾',
  '陆',
  '杨',
  '刘',
  '许',
  '谢',
  '李',
  '黄',
  '孙',
  '马',
  '胡',
  '汤',
  '史',
  '庄',
  '恽',
  '邵',
  '冯',
  '丁',
  '唐',
  '姚',
  '潘',
  '曹',
  '袁',
  '邹',
  '薛',
  '戴',
] as const;

export const GIVEN_NAMES = [
  '建国',
  '卫东',
  '志强',
  '海峰',
  '晓明',
  '丽娟',
  '秀英',
  '伟',
  '磊',
  '敏',
  '静',
  '军',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '洁',
  '燕',
  '华',
  '平',
  '刚',
  '健',
  '峰',
  '琳',
  '婷',
  '雪梅',
  '春华',
  '国庆',
  '文杰',
  '建华',
  '志刚',
  '红梅',
  '俊',
  '浩',
  '宇',
  '欣怡',
  '芳',
  '明辉',
  '永康',
  '立新',
  '国平',
  '晓东',
  '伟民',
  '玉兰',
  '雅琴',
  '嘉豪',
  '子轩',
] as const;

/** Mobile prefixes of the three carriers. */
export const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '158',
  '159',
  '177',
  '180',
  '181',
  '182',
  '187',
  '188',
  '189',
  '199',
] as const;

/** Brand words and trades of invented supplier companies for agreement stock (协议储备). */
export const SUPPLIER_BRANDS = [
  '恒安',
  '润禾',
  '鑫达',
  '华通',
  '安澜',
  '顺泰',
  '宏远',
  '永固',
  '金盾',
  '瑞丰',
] as const;

export const SUPPLIER_TRADES: Readonly<Record<string, string>> = {
  woven_bag: '塑料编织',
  straw_bag: '草制品',
  rubble_stone: '建材',
  timber: '木业',
  tent: '帐篷制造',
  quilt: '纺织品',
  geotextile: '土工材料',
};

/** Road names for invented depot addresses. */
export const ROADS = [
  '人民路',
  '建设路',
  '工业路',
  '振兴路',
  '兴业路',
  '新华路',
  '长安路',
  '富民路',
  '环镇路',
  '园区路',
] as const;
