export const zhCN = {
  app: { title: '指挥调度台', drillBanner: '演练', syntheticCity: '演示城市（合成数据）' },
  queue: {
    title: '警情队列',
    empty: '暂无待处理警情',
    count: '{{count}} 起待处理',
    hint: '↑↓ 或 J/K 选择，Enter 查看，Esc 取消选择',
    age: '{{minutes}} 分钟前',
    ageSeconds: '{{seconds}} 秒前',
    new: '新',
  },
  source: { '110': '110', '12345': '12345' },
  priority: { '1': '紧急', '2': '重要', '3': '一般', '4': '咨询' },
  status: {
    received: '待接警', acknowledged: '已接警', dispatched: '已派警', en_route: '在途', on_scene: '到场',
    resolved: '已处置', closed: '已结案', merged: '已合并', transferred: '已转办', cancelled: '已撤销',
  },
  category: {
    robbery: '抢劫', burglary: '入室盗窃', theft: '盗窃', fraud: '诈骗', assault: '伤害', fight: '打架斗殴',
    domestic_violence: '家庭暴力', sexual_assault: '性侵', kidnapping: '绑架', weapon: '持械/涉枪', suspicious: '可疑情况',
    missing_person: '人员走失', traffic_accident: '交通事故', traffic_jam: '交通拥堵', drunk_driving: '酒驾', fire: '火警',
    rescue: '抢险救援', dispute: '纠纷', noise: '噪音扰民', help_request: '求助', complaint: '投诉', consultation: '咨询',
    public_facility: '市政设施', environment: '环境卫生', other: '其他',
  },
  detail: {
    title: '警情详情', none: '请从队列中选择一条警情', reportedAt: '报警时间', address: '地址', caller: '报警人',
    description: '警情描述', location: '坐标', originalLocation: '原始坐标', id: '警情编号', status: '状态',
  },
  cameras: { title: '附近视频', none: '附近无视频点位', online: '在线', offline: '离线', distance: '{{meters}} 米' },
  cameraKind: { gun: '枪机', dome: '球机', face: '人脸', anpr: '卡口', eagle: '鹰眼' },
  units: {
    title: '附近可用警力', none: '附近无可用警力', straightLine: '直线距离（非道路时间）', distance: '{{km}} 公里',
  },
  unitType: { car: '巡逻车', ebike: '电动车', foot: '步巡', special: '特警' },
  unitStatus: { available: '可调派', dispatched: '已派', en_route: '在途', on_scene: '到场', off_duty: '离岗' },
  alarm: { idle: '警报待命', sounding: '紧急警报', muted: '警报已静音', blocked: '警报未启用', enable: '点击启用警报音', mute: '静音', unmute: '取消静音', volume: '警报音量' },
  statusBar: {
    connecting: '正在连接网关', connected: '网关已连接', disconnected: '网关已断开', error: '网关连接错误',
    lag: '延迟 {{ms}} 毫秒', lagUnknown: '延迟 —', seq: '序号 {{seq}}', quarantine: '隔离 {{count}}',
    units: '警力 {{available}}/{{total}} 可用', language: 'English',
  },
} as const;
