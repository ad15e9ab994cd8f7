/**
 * Places smaller than a state (Safe Harbor allows states and countries, not cities or streets).
 * Composed for Rounds from general knowledge; lower-case, one place per comma.
 */

function list(...groups: string[]): string[] {
  return groups
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const CITIES = list(
  'new york,new york city,nyc,los angeles,chicago,houston,phoenix,philadelphia,san antonio,san diego,dallas,san jose',
  'austin,jacksonville,fort worth,columbus,charlotte,san francisco,san fran,indianapolis,seattle,denver,washington dc',
  'boston,el paso,nashville,detroit,oklahoma city,portland,las vegas,memphis,louisville,baltimore,milwaukee,albuquerque',
  'tucson,fresno,mesa,sacramento,atlanta,kansas city,colorado springs,omaha,raleigh,miami,long beach,virginia beach',
  'oakland,minneapolis,tulsa,tampa,arlington,new orleans,wichita,bakersfield,cleveland,aurora,anaheim,honolulu,santa ana',
  'riverside,corpus christi,lexington,henderson,stockton,saint paul,st. paul,st. louis,saint louis,cincinnati,pittsburgh',
  'greensboro,lincoln,anchorage,plano,orlando,irvine,newark,durham,chula vista,toledo,fort wayne,st. petersburg',
  'laredo,jersey city,chandler,madison,lubbock,scottsdale,reno,buffalo,gilbert,glendale,north las vegas,winston-salem',
  'chesapeake,norfolk,fremont,garland,irving,hialeah,richmond,boise,spokane,baton rouge,tacoma,san bernardino',
  'modesto,fontana,des moines,moreno valley,santa clarita,fayetteville,birmingham,oxnard,rochester,port st. lucie',
  'grand rapids,huntsville,salt lake city,frisco,yonkers,amarillo,glendale,huntington beach,mckinney,montgomery',
  'augusta,aurora,akron,little rock,tempe,columbus,overland park,grand prairie,tallahassee,cape coral,mobile,knoxville',
  'shreveport,worcester,ontario,vancouver,sioux falls,chattanooga,brownsville,fort lauderdale,providence,newport news',
  'rancho cucamonga,santa rosa,peoria,oceanside,elk grove,salem,pembroke pines,eugene,garden grove,cary,fort collins',
  'corona,springfield,jackson,alexandria,hayward,clarksville,lakewood,lancaster,salinas,palmdale,hollywood,springfield',
  'macon,kansas city,sunnyvale,pomona,killeen,escondido,pasadena,naperville,bellevue,joliet,murfreesboro,midland',
  'rockford,paterson,savannah,bridgeport,torrance,mcallen,syracuse,surprise,denton,roseville,thornton,miramar',
  'mesquite,olathe,dayton,carrollton,waco,orange,fullerton,charleston,west valley city,visalia,hampton,gainesville',
  'warren,coral springs,cedar rapids,round rock,sterling heights,kent,columbia,santa clara,new haven,stamford,concord',
  'elizabeth,athens,thousand oaks,lafayette,simi valley,topeka,norman,fargo,wilmington,abilene,odessa,pearland',
  'victorville,hartford,vallejo,allentown,berkeley,richardson,arvada,ann arbor,cambridge,sugar land,lansing,evansville',
  'college station,fairfield,clearwater,beaumont,independence,provo,west jordan,murrieta,palm bay,el monte,carlsbad',
  'charleston,temecula,clovis,meridian,westminster,costa mesa,high point,manchester,pueblo,lakeland,pompano beach',
  'west palm beach,antioch,everett,downey,lowell,centennial,elgin,richmond,peoria,broken arrow,miami gardens,billings',
  'jurupa valley,sandy springs,gresham,lewisville,hillsboro,ventura,greeley,inglewood,waterbury,league city',
  'santa maria,tyler,davie,lakewood,daly city,boulder,allen,west covina,sparks,wichita falls,green bay,san mateo',
  'norwalk,rialto,las cruces,chico,el cajon,burbank,south bend,renton,vista,davenport,edinburg,tuscaloosa,quincy',
  'albany,white plains,new rochelle,scranton,trenton,camden,atlantic city,asheville,savannah,galveston,napa,santa fe',
  'santa monica,beverly hills,palo alto,menlo park,mountain view,berkeley,oakland,long island,hoboken,princeton',
  'new brunswick,ithaca,burlington,portland,bangor,concord,montpelier,juneau,fairbanks,helena,bismarck,pierre,cheyenne',
  'duluth,st. cloud,la crosse,eau claire,iowa city,ames,dubuque,champaign,urbana,bloomington,muncie,kalamazoo,flint',
  'toledo,youngstown,canton,erie,harrisburg,lancaster,reading,bethlehem,hershey,morgantown,roanoke,lynchburg',
  'charlottesville,greenville,spartanburg,myrtle beach,wilmington,chapel hill,winston salem,durham,gulfport,biloxi',
  'pensacola,daytona beach,sarasota,naples,fort myers,key west,boca raton,st. augustine,ocala,macon,columbus',
  'rochester mn,scottsdale,flagstaff,yuma,sedona,las vegas,carson city,sacramento,redding,eureka,san luis obispo',
  'brooklyn,the bronx,bronx,queens,manhattan,staten island,harlem,westchester,westwood,hollywood,long island city',
  'south boston,back bay,dorchester,roxbury,jamaica plain,southside,south side,north side,upper east side',
  'london,paris,berlin,madrid,rome,toronto,montreal,vancouver,ottawa,calgary,edmonton,winnipeg,sydney,melbourne',
  'brisbane,perth,auckland,wellington,dublin,edinburgh,glasgow,manchester,liverpool,birmingham,leeds,bristol',
  'amsterdam,brussels,vienna,zurich,geneva,munich,hamburg,frankfurt,stockholm,oslo,copenhagen,helsinki,reykjavik',
  'lisbon,barcelona,milan,naples,athens,istanbul,cairo,lagos,nairobi,johannesburg,cape town,mumbai,delhi,new delhi',
  'bangalore,chennai,kolkata,karachi,lahore,dhaka,singapore,hong kong,beijing,shanghai,tokyo,osaka,seoul,manila',
  'jakarta,bangkok,hanoi,dubai,riyadh,tehran,tel aviv,jerusalem,moscow,warsaw,prague,budapest,bucharest,kyiv',
  'mexico city,guadalajara,monterrey,bogota,bogotá,lima,santiago,buenos aires,sao paulo,são paulo,rio de janeiro',
);

/** States and provinces: not PHI alone, but they anchor a city ("Springfield, IL"). */
export const STATE_ABBREVIATIONS = new Set(
  list(
    'al,ak,az,ar,ca,co,ct,de,dc,fl,ga,hi,id,il,in,ia,ks,ky,la,me,md,ma,mi,mn,ms,mo,mt,ne,nv,nh,nj,nm,ny,nc,nd,oh,ok',
    'or,pa,ri,sc,sd,tn,tx,ut,vt,va,wa,wv,wi,wy,pr,on,qc,bc,ab,mb,sk,ns,nb,nl,pe',
  ),
);

export const STATES = new Set(
  list(
    'alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,idaho,illinois',
    'indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,mississippi,missouri',
    'montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,north carolina,north dakota,ohio,oklahoma',
    'oregon,pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,utah,vermont,virginia,washington',
    'west virginia,wisconsin,wyoming,ontario,quebec,british columbia,alberta',
  ),
);

/** Health systems and hospitals known by a short name that has no "Hospital" in it. */
export const INSTITUTIONS = list(
  "johns hopkins,john hopkins,john’s hopkins,john's hopkins,hopkins,mayo clinic,cleveland clinic,mount sinai,mt. sinai,mt sinai",
  'cedars-sinai,cedars sinai,cedar sinai,cedar-sinai,kaiser permanente,kaiser,md anderson,memorial sloan kettering',
  "sloan kettering,mass general,massachusetts general,brigham and women's,brigham and women’s,brigham,nyu langone",
  'newyork-presbyterian,new york-presbyterian,new york presbyterian,ny presbyterian,ucla,ucsf,ucsd,uc davis,uci',
  'upmc,baylor,baylor scott & white,stanford,northwestern,geisinger,vanderbilt,emory,duke,penn medicine,yale new haven',
  'ochsner,intermountain,sutter,advocate,beaumont,henry ford,montefiore,bellevue,jackson memorial,parkland,grady',
  'dana-farber,dana farber,st. jude,st jude,chop,lurie,rush,barnes-jewish,scripps,hoag,harborview,virginia mason',
  'beth israel,beth israel deaconess,lahey,tufts,ohsu,ut southwestern,musc,uab,unc,wakemed,atrium,novant,orlando health',
  'texas medical center,methodist,houston methodist,presbyterian,good samaritan,sinai,langone,permanente',
);

/** Words that end the name of a facility ("Lakeside Clinic", "St. Luke's Medical Center"). */
export const FACILITY_HEADS = new Set(
  list(
    'hospital,hospitals,hosp,clinic,clinics,infirmary,institute,center,centre,ctr,cntr,health,healthcare,medical,med',
    "hospice,sanatorium,sanitarium,practice,pavilion,general,gen,presbyterian,methodist,memorial,children's,children’s",
    'home,er,urgent care,surgery center,rehab,rehabilitation,pharmacy,laboratory,lab,langone,permanente,university',
  ),
);

/** Lower-case words after a place that make it a site of care: "our Seattle office", "Dallas clinic". */
export const SITE_WORDS = new Set(
  list('clinic,office,practice,branch,hospital,location,site,campus,center,centre,er,ed,unit,facility'),
);

/** Two-word heads of facility names ("Medical Center", "Nursing Home"). */
export const COMPOUND_HEADS: ReadonlySet<string> = new Set([
  'medical center',
  'medical centre',
  'med center',
  'med ctr',
  'med cntr',
  'medical ctr',
  'health center',
  'health centre',
  'cancer center',
  'heart center',
  'heart institute',
  'health system',
  'nursing home',
  'care home',
  'senior center',
  'surgery center',
  'urgent care',
  'health clinic',
  'medical group',
  'county general',
  'city general',
]);
